/** Where the module model is written in a module folder (the registry's `model` generator). */
export const MODEL_FILE = 'model.json';
export const MODEL_PATH = `model/${MODEL_FILE}`;
