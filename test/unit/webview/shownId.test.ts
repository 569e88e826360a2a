import { describe, expect, it } from "vitest";
import { MAX_SHOWN_ID, shownId } from "../../../webview/graph/nodeText";

describe("shownId: a node never loses the id's start or its distinguishing end", () => {
  it("keeps ids that fit whole", () => {
    expect(shownId("layer3.0.downsample.0")).toBe("layer3.0.downsample.0");
    expect(shownId("x".repeat(MAX_SHOWN_ID))).toBe("x".repeat(MAX_SHOWN_ID));
  });

  it("shortens longer ids in the middle to exactly the limit", () => {
    const id = "encoder.stage4.block2.downsample.conv";
    const shown = shownId(id);
    expect(shown).toHaveLength(MAX_SHOWN_ID);
    expect(shown).toBe("encoder.sta…nsample.conv");
    expect(id.startsWith(shown.split("…")[0]) && id.endsWith(shown.split("…")[1])).toBe(true);
    expect(shownId("layer4.1.downsample.0.x")).not.toContain("…");
  });
});
