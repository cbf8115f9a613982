/**
 * For each NumPy and JAX sample, the same loss written in torch: real NumPy runs the sample for
 * the value, and PyTorch's autograd runs the twin over the sample's arrays for the gradients
 * (test/oracle/oracleRunner.py). PyTorch samples need none: they run as written.
 */

export interface SampleTwin {
  /** The loss in torch, over `inputs` bound as tensors, assigning the sample's output name. */
  readonly twin: string;
  /** The sample's arrays the twin reads (float ones require gradients; integer ones are labels). */
  readonly inputs: readonly string[];
}

export const SAMPLE_TWINS: Readonly<Record<string, SampleTwin>> = {
  'softmax_classifier.py': {
    twin: `scores = X.mm(W)
scores = scores - torch.max(scores, dim=1, keepdim=True).values
probs = torch.exp(scores) / torch.sum(torch.exp(scores), dim=1, keepdim=True)
loss = -torch.sum(torch.log(probs[torch.arange(5), y])) / 5
loss = loss + 0.1 * torch.sum(W * W)
`,
    inputs: ['X', 'y', 'W'],
  },
  'two_layer_net.py': {
    twin: `hidden = torch.clamp(X.mm(W1) + b1, min=0)
scores = hidden.mm(W2) + b2
scores = scores - torch.max(scores, dim=1, keepdim=True).values
probs = torch.exp(scores) / torch.sum(torch.exp(scores), dim=1, keepdim=True)
data_loss = -torch.sum(torch.log(probs[torch.arange(5), y])) / 5
loss = data_loss + 0.05 * (torch.sum(W1 * W1) + torch.sum(W2 * W2))
`,
    inputs: ['W1', 'b1', 'W2', 'b2', 'X', 'y'],
  },
  'jax_loss.py': {
    // jax.grad(loss, argnums=(0, 1)) differentiates W and b only: x and y are constants.
    twin: `x = torch.tensor([[1.0, 0.5], [-0.3, 2.0], [0.8, -1.2]])
y = torch.tensor([[0.5, 0.0], [1.0, -1.0], [0.0, 0.5]])
preds = torch.tanh(x @ W + b)
loss = torch.mean((preds - y) ** 2)
`,
    inputs: ['W', 'b'],
  },
};
