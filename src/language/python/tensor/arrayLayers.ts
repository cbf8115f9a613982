/**
 * PyTorch's nn layers: `nn.Linear(in, out)` (parameters `layer.weight` of shape (out, in) and
 * `layer.bias` of shape (out,), inputs valued by samples of PyTorch's initialisation),
 * `nn.ReLU`, `nn.Sigmoid`, `nn.Tanh`, `nn.Sequential` of these (parameters `model.0.weight` …,
 * PyTorch's names), and the loss objects `nn.MSELoss`, `nn.L1Loss`, `nn.CrossEntropyLoss`.
 */
import { CodeError } from '../../code/codeError';
import { excerpt } from '../../code/syntax';
import type { SyntaxNode } from '../../code/treeSitter';
import { spanOf, type Span } from '../../span';
import { Call } from './arrayCall';
import { callLibrary } from './arrayLibrary';
import { asArray, elementwise, intOf, keeping } from './arrayOps';
import type { ArrayReader } from './arrayReader';
import type { ArrayValue, Layer, PyValue } from './arrayValue';
import { linearInitDistribution, sampleKey, sampleValues } from './random/sampleRandom';

type LayerValue = Extract<PyValue, { readonly kind: 'layer' }>;

/** A layer made by `nn.<short>(…)`, or undefined for one not read here. */
export function makeLayer(reader: ArrayReader, short: string, call: Call): PyValue | undefined {
  switch (short) {
    case 'Linear':
      return { kind: 'layer', layer: linear(reader, call), name: '' };
    case 'ReLU':
      return simple('relu');
    case 'Sigmoid':
      return simple('sigmoid');
    case 'Tanh':
      return simple('tanh');
    case 'Sequential':
      return {
        kind: 'layer',
        layer: {
          kind: 'sequential',
          layers: call.positional.map((argument) => {
            if (argument.value.kind !== 'layer') {
              throw new CodeError(
                'unsupported',
                `\`${excerpt(argument.text)}\` is not a layer nn.Sequential can hold here`,
                argument.span,
              );
            }
            return argument.value.layer;
          }),
        },
        name: '',
      };
    case 'MSELoss':
      return loss('mse', call);
    case 'L1Loss':
      return loss('l1', call);
    case 'CrossEntropyLoss':
      return loss('cross_entropy', call);
    default:
      return undefined;
  }
}

function simple(kind: 'relu' | 'sigmoid' | 'tanh'): LayerValue {
  return { kind: 'layer', layer: { kind }, name: '' };
}

function loss(kind: 'mse' | 'l1' | 'cross_entropy', call: Call): LayerValue {
  call.only('reduction');
  const given = call.get(-1, 'reduction')?.value;
  const reduction = given?.kind === 'string' ? given.value : 'mean';
  if (reduction !== 'mean' && reduction !== 'sum' && reduction !== 'none') {
    throw new CodeError(
      'unsupported',
      `\`${call.text}\`: reduction must be 'mean', 'sum' or 'none'`,
      call.span,
    );
  }
  return { kind: 'layer', layer: { kind, reduction }, name: '' };
}

function linear(reader: ArrayReader, call: Call): Layer {
  call.only('in_features', 'out_features', 'bias', 'device', 'dtype');
  const inputs = call.need(0, 'in_features');
  const outputs = call.need(1, 'out_features');
  const fanIn = intOf(inputs.value, inputs.text, inputs.span);
  const fanOut = intOf(outputs.value, outputs.text, outputs.span);
  const bias = call.get(2, 'bias')?.value;
  const hasBias = !(bias?.kind === 'number' && bias.value === 0);
  const distribution = linearInitDistribution(fanIn);
  const key = sampleKey(call.text, reader.occurrence(call.text));
  reader.graph.claim([fanOut, fanIn], call.span);
  return {
    kind: 'linear',
    features: [fanIn, fanOut],
    bias: hasBias,
    weight: {
      shape: [fanOut, fanIn],
      data: sampleValues(`${key}.weight`, distribution, [fanOut, fanIn]),
    },
    ...(hasBias
      ? {
          biasValue: { shape: [fanOut], data: sampleValues(`${key}.bias`, distribution, [fanOut]) },
        }
      : {}),
    text: call.text,
  };
}

/** `layer.weight`, `layer.bias`, `model[0]`-free access to a Sequential's layers by attribute. */
export function layerAttribute(
  reader: ArrayReader,
  value: LayerValue,
  name: string,
  node: SyntaxNode,
): PyValue {
  const { layer } = value;
  if (layer.kind === 'linear' && (name === 'weight' || name === 'bias')) {
    const parameter = parameterOf(reader, value, name, spanOf(node));
    if (parameter !== undefined) {
      return parameter;
    }
    return { kind: 'none' };
  }
  const index = Number(name);
  if (
    layer.kind === 'sequential' &&
    Number.isInteger(index) &&
    layer.layers?.[index] !== undefined
  ) {
    return { kind: 'layer', layer: layer.layers[index], name: `${value.name}.${index}` };
  }
  throw new CodeError(
    'unsupported',
    `the attribute \`.${name}\` of a layer (\`${excerpt(node.text)}\`) is not supported`,
    spanOf(node),
  );
}

function parameterOf(
  reader: ArrayReader,
  value: LayerValue,
  which: 'weight' | 'bias',
  span: Span,
): ArrayValue | undefined {
  const { layer } = value;
  const tensor = which === 'weight' ? layer.weight : layer.biasValue;
  if (tensor === undefined) {
    return undefined;
  }
  const what = `${layer.text ?? 'nn.Linear'}'s initial ${which}`;
  return reader.layerParameter(
    `${value.name}.${which}`,
    tensor,
    layer.given?.has(which) === true ? undefined : what,
    span,
  );
}

/**
 * A layer applied to its input. A named Linear or Sequential layer (`fc1 = nn.Linear(…)`, an
 * nn.Sequential's items `model.0`, `model.1`) is a group of the graph labelled with its name,
 * so the panel draws (and collapses) each layer as one box.
 */
export function callLayer(reader: ArrayReader, value: LayerValue, call: Call): PyValue {
  const boxed =
    value.name !== '' && (value.layer.kind === 'linear' || value.layer.kind === 'sequential');
  if (!boxed) {
    return applyLayer(reader, value, call);
  }
  reader.graph.builder.openGroup('call', value.name, reader.setup.lines.rangeOf(call.span));
  try {
    return applyLayer(reader, value, call);
  } finally {
    reader.graph.builder.closeGroup();
  }
}

function applyLayer(reader: ArrayReader, value: LayerValue, call: Call): PyValue {
  const { layer } = value;
  const site = {
    text: call.text,
    span: call.span,
    operands: call.positional.map((argument) => argument.text),
  };
  switch (layer.kind) {
    case 'linear': {
      const x = call.need(0, 'input');
      const input = asArray(reader.graph, x.value, x.text, x.span, 'torch');
      const weight = parameterOf(reader, value, 'weight', call.span);
      if (weight === undefined) {
        throw new CodeError('unsupported', `\`${call.text}\`: the layer has no weight`, call.span);
      }
      const transposed = keeping(reader.graph, { kind: 'transpose', axes: [1, 0] }, [weight], {
        text: `${value.name}.weight.T`,
        span: call.span,
      });
      const product = reader.graph.apply(
        { kind: 'matmul' },
        [input, transposed],
        { ...site, operands: [x.text, `${value.name}.weight.T`] },
        { dtype: 'float', library: 'torch' },
      );
      const bias = parameterOf(reader, value, 'bias', call.span);
      return bias === undefined ? product : elementwise(reader.graph, 'add', [product, bias], site);
    }
    case 'relu':
    case 'sigmoid':
    case 'tanh': {
      const x = call.need(0, 'input');
      return elementwise(
        reader.graph,
        layer.kind,
        [asArray(reader.graph, x.value, x.text, x.span, 'torch')],
        site,
      );
    }
    case 'sequential': {
      let current: PyValue = call.need(0, 'input').value;
      (layer.layers ?? []).forEach((inner, i) => {
        const argument = { value: current, text: call.positional[0]?.text ?? '', span: call.span };
        const step = new Call(call.written, [argument], new Map(), call.text, call.span);
        current = callLayer(
          reader,
          { kind: 'layer', layer: inner, name: `${value.name}.${i}` },
          step,
        );
      });
      return current;
    }
    case 'mse':
    case 'l1':
    case 'cross_entropy': {
      const function_ =
        layer.kind === 'mse' ? 'mse_loss' : layer.kind === 'l1' ? 'l1_loss' : 'cross_entropy';
      const keywords = new Map(call.keywords);
      keywords.set('reduction', {
        value: { kind: 'string', value: layer.reduction ?? 'mean' },
        text: `'${layer.reduction ?? 'mean'}'`,
        span: call.span,
      });
      return callLibrary(
        reader,
        `torch.nn.functional.${function_}`,
        new Call(call.written, call.positional, keywords, call.text, call.span),
      );
    }
  }
}
