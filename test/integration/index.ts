// Extension-host test entry: VS Code requires dist/test/integration/index.js and awaits run().
// Mocha with the TDD interface (suite/test/suiteSetup), 20 s per test. Suites are listed by
// explicit dynamic import so that esbuild bundles them (and evaluates them only once the TDD
// globals exist). run() rejects with the failing tests' names.
import Mocha from "mocha";

/** What the runner prints last, on one line, for test/integration/runInCodeServer.mjs to read. */
export const resultMarker = "cnn-designer-integration-result";

interface FailedTest {
  title: string;
  message: string;
}

/** An assertion message on one line: "Expected values to be strictly equal: 61706 !== 99". */
function oneLine(message: string): string {
  const text = message.split("\n").map((line) => line.trim()).filter((line) => line.length > 0).join(" ");
  return text.length > 300 ? `${text.slice(0, 297)}...` : text;
}

async function loadSuites(): Promise<void> {
  await import("./suites/activation.test");
  await import("./suites/schema.test");
  await import("./suites/check.test");
  await import("./suites/editor.test");
  await import("./suites/languageFeatures.test");
  await import("./suites/exports.test");
  await import("./suites/exportDiagram.test");
  await import("./suites/focus.test");
  await import("./suites/preview.test");
}

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: "tdd", timeout: 20_000, color: false, reporter: "spec" });
  mocha.suite.emit("pre-require", globalThis, "integration", mocha);
  await loadSuites();
  const failures: FailedTest[] = [];
  let passed = 0;
  await new Promise<void>((resolveRun) => {
    const runner = mocha.run(() => resolveRun());
    runner.on("pass", () => {
      passed++;
    });
    runner.on("fail", (test, error: unknown) => {
      failures.push({ title: test.titlePath().join(" › "), message: oneLine(error instanceof Error ? error.message : String(error)) });
    });
  });
  console.log(`${resultMarker} ${JSON.stringify({ passed, failed: failures.length, failures })}`);
  if (failures.length > 0) {
    const names = failures.map((failure) => `  ${failure.title}: ${failure.message}`);
    throw new Error(`${failures.length} extension-host test(s) failed:\n${names.join("\n")}`);
  }
}
