import { describe, expect, it } from "vitest";
import type { PreviewOutcome } from "../../../src/core/worker/previewClient";
import type { PreviewJob } from "../../../src/core/worker/protocol";
import { SharedPreviewRunner, type PreviewClientLike } from "../../../src/extension/preview/previewRunner";

/** A client like PreviewClient: a new run settles the older one as cancelled. */
class FakeClient implements PreviewClientLike {
  cancels = 0;
  disposed = false;
  warmed = 0;
  private resolve: ((outcome: PreviewOutcome) => void) | null = null;
  run(): Promise<PreviewOutcome> {
    this.resolve?.({ status: "cancelled" });
    return new Promise((resolve) => {
      this.resolve = resolve;
    });
  }
  cancel(): void {
    this.cancels++;
    this.resolve?.({ status: "cancelled" });
    this.resolve = null;
  }
  dispose(): void {
    this.disposed = true;
  }
  warm(): void {
    this.warmed++;
  }
  finish(): void {
    this.resolve?.({ status: "failed", error: { code: "internal", message: "done" } });
    this.resolve = null;
  }
}

const job = {} as PreviewJob;

describe("the shared preview runner", () => {
  it("warms: a designer opening starts the one client (its worker) before any run, and the runs use it", async () => {
    let created = 0;
    const client = new FakeClient();
    const runner = new SharedPreviewRunner(() => {
      created++;
      return client;
    });
    runner.warm();
    runner.warm();
    expect([created, client.warmed]).toEqual([1, 2]);
    const outcome = runner.run({}, job, () => {});
    client.finish();
    expect((await outcome).status).toBe("failed");
    expect(created).toBe(1);
  });

  it("starts the client lazily, lets a panel cancel only its own run, and disposes the client", async () => {
    let created = 0;
    const client = new FakeClient();
    const runner = new SharedPreviewRunner(() => {
      created++;
      return client;
    });
    expect(created).toBe(0);
    const panelA = {};
    const panelB = {};
    const first = runner.run(panelA, job, () => {});
    const second = runner.run(panelB, job, () => {});
    expect(await first).toEqual({ status: "cancelled" });
    runner.cancel(panelA);
    expect(client.cancels).toBe(0);
    runner.cancel(panelB);
    expect(client.cancels).toBe(1);
    expect(await second).toEqual({ status: "cancelled" });
    const third = runner.run(panelA, job, () => {});
    client.finish();
    await third;
    runner.cancel(panelA);
    expect(client.cancels).toBe(1);
    expect(created).toBe(1);
    runner.dispose();
    expect(client.disposed).toBe(true);
  });
});
