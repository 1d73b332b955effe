"""MNIST with a multilayer perceptron, written as a PyTorch script.

Only the imports differ from PyTorch: swap ``braininabox`` for ``torch`` and it runs on
PyTorch (``projects.p11_braininabox.examples.run_example("mnist_mlp", backend="torch")``).
"""

import braininabox.nn.functional as F
import numpy as np
from braininabox.optim.lr_scheduler import StepLR
from braininabox.utils.data import DataLoader, TensorDataset

import braininabox as torch
from braininabox import nn, optim
from shared.datasets import load_mnist


class MLP(nn.Module):
    def __init__(self, hidden=256, p_drop=0.1):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(28 * 28, hidden),
            nn.ReLU(),
            nn.Dropout(p_drop),
            nn.Linear(hidden, 128),
            nn.ReLU(),
            nn.Linear(128, 10),
        )

    def forward(self, x):
        return self.net(x.view(x.size(0), -1))


def mnist_tensors(split, limit=None):
    images, labels = load_mnist(split)
    images, labels = images[:limit], labels[:limit]
    x = torch.from_numpy(images.astype(np.float32) / 255.0)
    x = (x - 0.1307) / 0.3081
    return x, torch.from_numpy(labels.astype(np.int64))


def evaluate(model, loader):
    model.eval()
    correct, total = 0, 0
    with torch.no_grad():
        for x, y in loader:
            logits = model(x)
            correct += (logits.argmax(dim=1) == y).sum().item()
            total += y.size(0)
    return correct / total


def main(epochs=8, n_train=None, n_test=None, batch_size=128, lr=1e-3, seed=0, verbose=True):
    torch.manual_seed(seed)
    x_train, y_train = mnist_tensors("train", n_train)
    x_test, y_test = mnist_tensors("test", n_test)
    train_loader = DataLoader(TensorDataset(x_train, y_train), batch_size=batch_size, shuffle=True)
    test_loader = DataLoader(TensorDataset(x_test, y_test), batch_size=1000)

    model = MLP().to("cpu")
    criterion = nn.CrossEntropyLoss()
    optimizer = optim.Adam(model.parameters(), lr=lr)
    scheduler = StepLR(optimizer, step_size=3, gamma=0.3)
    n_params = sum(p.numel() for p in model.parameters())

    for epoch in range(epochs):
        model.train()
        running = 0.0
        for x, y in train_loader:
            optimizer.zero_grad()
            loss = criterion(model(x), y)
            loss.backward()
            optimizer.step()
            running += loss.item() * x.size(0)
        scheduler.step()
        accuracy = evaluate(model, test_loader)
        if verbose:
            print(
                f"epoch {epoch + 1}: loss {running / len(x_train):.4f}, "
                f"test accuracy {accuracy:.4f}, lr {scheduler.get_last_lr()[0]:.2e}"
            )
    probs = F.softmax(model(x_test[:5]), dim=1)
    return {"test_accuracy": accuracy, "params": n_params, "probs_sum": float(probs.sum().item())}


if __name__ == "__main__":
    main()
