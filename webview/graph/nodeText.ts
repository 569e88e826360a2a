/** How a node on the canvas writes its id. Pure. */

/** Ids longer than this keep their start and end ("encoder.sta…nsample.conv"); the tooltip has the whole id. */
export const MAX_SHOWN_ID = 24;

/** The id as the node shows it: whole when it fits, else its start and its distinguishing end. */
export function shownId(id: string): string {
  if (id.length <= MAX_SHOWN_ID) return id;
  const tail = Math.ceil((MAX_SHOWN_ID - 1) / 2);
  return `${id.slice(0, MAX_SHOWN_ID - 1 - tail)}…${id.slice(id.length - tail)}`;
}
