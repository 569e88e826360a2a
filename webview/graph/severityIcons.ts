/** The codicon of each severity: problem rows, node badges. */
export const severityIcons = { error: "codicon-error", warning: "codicon-warning", info: "codicon-info" } as const;
