/** A tiny element builder: text goes in as text nodes, never as HTML. */

type Child = Node | string | null | undefined | false;

export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K, attributes: Record<string, string | undefined> = {}, ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined) node.setAttribute(name, value);
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

/** Re-renders `root` and puts the keyboard focus back on the element with the same data-key. */
export function replaceKeepingFocus(root: HTMLElement, content: Node[]): void {
  const focusedKey = (document.activeElement as HTMLElement | null)?.dataset?.key;
  root.replaceChildren(...content);
  if (focusedKey) root.querySelector<HTMLElement>(`[data-key="${CSS.escape(focusedKey)}"]`)?.focus();
}
