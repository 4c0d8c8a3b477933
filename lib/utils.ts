import { clsx, type ClassValue } from "clsx";
import { createTailwindMerge, validators } from "tailwind-merge";

/*
 * tailwind-merge with only the class groups the console's classes fall into. The library's
 * default config knows every Tailwind utility and is most of its 8.4 KB (gzip) on every page;
 * with this one cn() is about 4 KB. The ui primitives rely on a caller's class replacing a base
 * class of the same group (CardContent's pt-0 by pt-5, Alert's colours, TableHead's text-left,
 * Input's w-full…). lib/utils.test.ts merges every pair of the app's classes with this and with
 * the default config: a class of a group missing here fails it, and the group is added below.
 */

const { isNumber, isTshirtSize, isArbitraryValue, isAny } = validators;

const COLOR = /^(inherit|current|transparent|black|white|[a-z]+-\d{2,3})(\/\d+)?$/;
const color = (value: string) => COLOR.test(value) || isArbitraryValue(value);
const length = (value: string) => isNumber(value) || value === "px" || isArbitraryValue(value);
const size = (value: string) => length(value) || /^(\d+\/\d+|full|screen|auto|min|max|fit|(\d?xs|sm|md|lg|\d?xl|prose))$/.test(value);
const spacing = [length];
const margin = [length, "auto"];

const twMerge = createTailwindMerge(() => ({
  cacheSize: 500,
  theme: {},
  classGroups: {
    display: ["block", "inline-block", "inline", "flex", "inline-flex", "grid", "inline-grid", "contents", "hidden", "table"],
    position: ["static", "fixed", "absolute", "relative", "sticky"],
    "flex-direction": [{ flex: ["row", "row-reverse", "col", "col-reverse"] }],
    "flex-wrap": [{ flex: ["wrap", "wrap-reverse", "nowrap"] }],
    flex: [{ flex: [isNumber, "auto", "initial", "none"] }],
    p: [{ p: spacing }],
    px: [{ px: spacing }],
    py: [{ py: spacing }],
    pt: [{ pt: spacing }],
    pr: [{ pr: spacing }],
    pb: [{ pb: spacing }],
    pl: [{ pl: spacing }],
    m: [{ m: margin }],
    mx: [{ mx: margin }],
    my: [{ my: margin }],
    mt: [{ mt: margin }],
    mr: [{ mr: margin }],
    mb: [{ mb: margin }],
    ml: [{ ml: margin }],
    gap: [{ gap: spacing }],
    "gap-x": [{ "gap-x": spacing }],
    "gap-y": [{ "gap-y": spacing }],
    basis: [{ basis: [size] }],
    shrink: [{ shrink: ["", isNumber] }],
    grow: [{ grow: ["", isNumber] }],
    "grid-cols": [{ "grid-cols": [isNumber, "none", "subgrid", isArbitraryValue] }],
    "col-start-end": [{ col: ["auto", { span: [isNumber, "full", isArbitraryValue] }] }],
    "line-clamp": [{ "line-clamp": [isNumber, "none"] }],
    overflow: [{ overflow: ["auto", "hidden", "clip", "visible", "scroll"] }],
    "overflow-x": [{ "overflow-x": ["auto", "hidden", "clip", "visible", "scroll"] }],
    "overflow-y": [{ "overflow-y": ["auto", "hidden", "clip", "visible", "scroll"] }],
    w: [{ w: [size] }],
    "min-w": [{ "min-w": [size] }],
    "max-w": [{ "max-w": [size] }],
    h: [{ h: [size] }],
    "min-h": [{ "min-h": [size] }],
    size: [{ size: [size] }],
    "font-size": [{ text: ["base", isTshirtSize, isArbitraryValue] }],
    leading: [{ leading: ["none", "tight", "snug", "normal", "relaxed", "loose", isNumber, isArbitraryValue] }],
    "font-weight": [{ font: ["thin", "light", "normal", "medium", "semibold", "bold", "extrabold", "black"] }],
    "font-family": [{ font: ["sans", "serif", "mono"] }],
    "text-alignment": [{ text: ["left", "center", "right", "justify", "start", "end"] }],
    "text-color": [{ text: [color] }],
    "bg-color": [{ bg: [color] }],
    rounded: [{ rounded: ["", "none", "full", isTshirtSize] }],
    "rounded-t": [{ "rounded-t": ["", "none", "full", isTshirtSize] }],
    shadow: [{ shadow: ["", "none", isTshirtSize] }],
    "underline-offset": [{ "underline-offset": ["auto", isNumber] }],
    "border-w": [{ border: ["", isNumber] }],
    "border-w-b": [{ "border-b": ["", isNumber] }],
    "border-w-l": [{ "border-l": ["", isNumber] }],
    "border-color": [{ border: [color] }],
    opacity: [{ opacity: [isNumber] }],
    "outline-style": [{ outline: ["none", "solid", "dashed", "dotted", "double", "hidden"] }],
    "outline-w": [{ outline: ["", isNumber] }],
    "outline-color": [{ outline: [color] }],
    "outline-offset": [{ "outline-offset": [isNumber] }],
    "ring-w": [{ ring: ["", isNumber] }],
    "ring-color": [{ ring: [color] }],
    "ring-offset-w": [{ "ring-offset": [isNumber] }],
    "ring-offset-color": [{ "ring-offset": [color] }],
    "justify-content": [{ justify: ["start", "end", "center", "between", "around", "evenly", "stretch", "normal"] }],
    "justify-items": [{ "justify-items": ["start", "end", "center", "stretch", "normal"] }],
    "align-items": [{ items: ["start", "end", "center", "baseline", "stretch"] }],
    "align-content": [{ content: ["start", "end", "center", "between", "around", "evenly", "stretch", "normal", "baseline"] }],
    "vertical-align": [{ align: ["baseline", "top", "middle", "bottom", "text-top", "text-bottom", "sub", "super"] }],
    whitespace: [{ whitespace: ["normal", "nowrap", "pre", "pre-line", "pre-wrap", "break-spaces"] }],
    cursor: [{ cursor: [isAny] }],
    break: [{ break: ["normal", "words", "all", "keep"] }],
    transition: [{ transition: ["", "all", "colors", "opacity", "shadow", "transform", "none", isArbitraryValue] }],
  },
  conflictingClassGroups: {
    p: ["px", "py", "pt", "pr", "pb", "pl"],
    px: ["pr", "pl"],
    py: ["pt", "pb"],
    m: ["mx", "my", "mt", "mr", "mb", "ml"],
    mx: ["mr", "ml"],
    my: ["mt", "mb"],
    size: ["w", "h"],
    "border-w": ["border-w-b", "border-w-l"],
    rounded: ["rounded-t"],
    gap: ["gap-x", "gap-y"],
    flex: ["basis", "grow", "shrink"],
    overflow: ["overflow-x", "overflow-y"],
    "font-size": ["leading"],
    "line-clamp": ["display", "overflow"],
  },
  conflictingClassGroupModifiers: {},
  orderSensitiveModifiers: [],
}));

export function cn(...inputs: ClassValue[]) {
  return twMerge(clsx(inputs));
}
