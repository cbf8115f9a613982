# PyTorch autograd as its tutorial teaches it: tensors with requires_grad=True, a loss, .backward().
# Select all (Ctrl+A) and run "Gradient Lens: Inspect Derivatives" (Ctrl+Alt+G); look at the
# gradients of w and b in the panel (or hover w): they are what w.grad and b.grad print after
# loss.backward(). x and y have no requires_grad, so they get no gradient, as in PyTorch.
import torch

# A logistic regression on four examples with two features each.
x = torch.tensor([[0.5, 1.0], [-1.5, 2.0], [1.0, -0.5], [2.0, 0.3]])
y = torch.tensor([1.0, 0.0, 1.0, 0.0])
w = torch.tensor([0.3, -0.2], requires_grad=True)
b = torch.tensor(0.1, requires_grad=True)

p = torch.sigmoid(x @ w + b)
loss = -(y * torch.log(p) + (1 - y) * torch.log(1 - p)).mean()
loss.backward()
print(w.grad, b.grad)
