// Webview entry.
export {};
