/** The math-notation front end (plain formulas and LaTeX). */
export { lowerMath, mathFrontEnd } from './mathFrontEnd';
