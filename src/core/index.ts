/** The convolution core's entry point (contract: ../shared/design/spec-format.md §3). */
export {};
