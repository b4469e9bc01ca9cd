// Stands in for `node-domexception`: DOMException is a global in Node 20.
export default globalThis.DOMException;
