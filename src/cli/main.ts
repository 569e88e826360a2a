// `cnn-designer check model.cnn.json`
export {};
