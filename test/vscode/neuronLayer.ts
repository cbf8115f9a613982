/**
 * A layer of sigmoid neurons written out in scalar Python, the way people write a first neural
 * network by hand, for timing and soak tests in a real VS Code: `neurons` neurons over `inputs`
 * inputs (about 14 graph nodes a neuron over two inputs), summed into `L`. Its twin in
 * JavaScript computes the same L, so the tests check gradients by central differences instead
 * of trusting the extension's numbers.
 */
export interface NeuronLayer {
  readonly source: string;
  /** Lines (from 0) of the first neuron and of `L = …`: the selection to inspect. */
  readonly firstLine: number;
  readonly lastLine: number;
  readonly inputs: readonly string[];
  /** L at these input values (x0 = given, every other input as the source writes it). */
  loss(x: readonly number[]): number;
  /** The source's input values, in the order of `inputs`. */
  readonly values: readonly number[];
}

/** A weight or bias that differs from neuron to neuron, from a small fixed pattern. */
function weight(neuron: number, input: number): number {
  return (((neuron * 7 + input * 3) % 11) - 5) / 10;
}

export function neuronLayer(neurons: number, inputs: number): NeuronLayer {
  const names: string[] = [];
  const values: number[] = [];
  const declare = (name: string, value: number) => {
    names.push(name);
    values.push(value);
  };
  for (let i = 0; i < inputs; i += 1) {
    declare(`x${i}`, 0.5 + i / 4 - (i % 2));
  }
  for (let j = 0; j < neurons; j += 1) {
    for (let i = 0; i < inputs; i += 1) {
      declare(`w${j}_${i}`, weight(j, i));
    }
    declare(`b${j}`, weight(j, inputs) / 2);
  }
  const lines = ['import math', ...names.map((name, k) => `${name} = ${values[k]}`)];
  const firstLine = lines.length;
  for (let j = 0; j < neurons; j += 1) {
    const sum = Array.from({ length: inputs }, (_, i) => `w${j}_${i} * x${i}`).join(' + ');
    lines.push(`n${j} = ${sum} + b${j}`);
    lines.push(`o${j} = 1 / (1 + math.exp(-n${j}))`);
  }
  lines.push('L = o0');
  for (let j = 1; j < neurons; j += 1) {
    lines.push(`L = L + o${j}`);
  }
  const lastLine = lines.length - 1;
  const index = new Map(names.map((name, k) => [name, k]));
  const loss = (x: readonly number[]): number => {
    const at = (name: string) => x[index.get(name)!]!;
    let total = 0;
    for (let j = 0; j < neurons; j += 1) {
      let n = at(`b${j}`);
      for (let i = 0; i < inputs; i += 1) {
        n += at(`w${j}_${i}`) * at(`x${i}`);
      }
      total += 1 / (1 + Math.exp(-n));
    }
    return total;
  };
  return { source: `${lines.join('\n')}\n`, firstLine, lastLine, inputs: names, loss, values };
}

/** ∂L/∂`name` by central differences on the JavaScript twin. */
export function centralDifference(layer: NeuronLayer, name: string): number {
  const k = layer.inputs.indexOf(name);
  const h = 1e-5;
  const plus = [...layer.values];
  const minus = [...layer.values];
  plus[k] = plus[k]! + h;
  minus[k] = minus[k]! - h;
  return (layer.loss(plus) - layer.loss(minus)) / (2 * h);
}
