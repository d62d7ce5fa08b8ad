// Vite bundles the grid's stylesheet; TypeScript only needs to know a side-effect CSS import is fine.
declare module '*.css';
