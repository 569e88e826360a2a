/** Test support: a WorkerTeam whose helper is the real preview worker bundle (role "helper"). */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { build } from "esbuild";
import { WorkerTeam, type WorkerTeamOptions } from "../../../src/core/parallel/team";

export interface TeamFixture {
  team: WorkerTeam;
  dispose(): Promise<void>;
}

/** Every splittable layer is shared unless options say otherwise. */
export async function startTeam(options: WorkerTeamOptions = {}): Promise<TeamFixture> {
  const directory = mkdtempSync(join(tmpdir(), "team-helper-"));
  const file = join(directory, "previewWorker.js");
  await build({ entryPoints: [join(__dirname, "../../../src/core/worker/previewWorker.ts")], bundle: true, platform: "node", format: "cjs", outfile: file, logLevel: "silent" });
  const helper = new Worker(file, { workerData: { role: "helper" } });
  const team = new WorkerTeam((message) => helper.postMessage(message), { minSharedFloats: 1, minSharedMacs: 1, ...options });
  return {
    team,
    dispose: async () => {
      await helper.terminate();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
