// Worker-thread entry of the preview runner (the only Node-specific file of src/core).
export {};
