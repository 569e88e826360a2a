// Extension-host test entry: exports run() for VS Code's extension test runner.
export async function run(): Promise<void> {}
