// The notices workers receive: their kinds (kinds.ts), what each says (content.ts), composing one
// as text and HTML (compose.ts), and the notice each lifecycle step owes (steps.ts).
export * from "./kinds";
export * from "./content";
export * from "./compose";
export * from "./steps";
