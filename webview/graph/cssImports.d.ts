/** Side-effect CSS imports: esbuild bundles them into webview.css. */
declare module "*.css";
