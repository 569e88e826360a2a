// The PyTorch export check runs on its own: `npx vitest run --config test/pytorch/vitest.config.mts`
// (it needs /usr/bin/python3 with torch; see checkExport.test.ts).
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/pytorch/**/*.test.ts"],
    environment: "node",
    testTimeout: 20000,
    hookTimeout: 300000,
  },
});
