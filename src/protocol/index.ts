/** Host ⇄ webview protocol: message types and the validators for what the host receives. */
export * from "./messages";
export { validateViewToHost, parseEditIntent, isJsonValue, requestIdOf, type Validated } from "./validate";
export * from "./preview";
export * from "./diagram";
