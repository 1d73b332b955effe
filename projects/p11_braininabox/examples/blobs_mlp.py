"""A small classifier on synthetic data, written as a PyTorch script (no dataset files:
it runs wherever the library is installed)."""

import numpy as np
from braininabox.utils.data import DataLoader, TensorDataset

import braininabox as torch
from braininabox import nn, optim


def make_blobs(n=600, classes=3, dim=2, seed=0):
    rng = np.random.default_rng(seed)
    centres = rng.normal(0.0, 4.0, size=(classes, dim))
    y = rng.integers(0, classes, size=n)
    x = centres[y] + rng.normal(size=(n, dim))
    return torch.tensor(x, dtype=torch.float32), torch.tensor(y, dtype=torch.long)


def main(epochs=20, seed=0, verbose=True):
    torch.manual_seed(seed)
    x, y = make_blobs(seed=seed)
    loader = DataLoader(TensorDataset(x, y), batch_size=32, shuffle=True)
    model = nn.Sequential(nn.Linear(2, 32), nn.ReLU(), nn.Linear(32, 3))
    optimizer = optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    criterion = nn.CrossEntropyLoss()
    for _ in range(epochs):
        for xb, yb in loader:
            optimizer.zero_grad()
            criterion(model(xb), yb).backward()
            optimizer.step()
    with torch.no_grad():
        accuracy = (model(x).argmax(dim=1) == y).float().mean().item()
    if verbose:
        print(f"training accuracy {accuracy:.3f}")
    return {"accuracy": accuracy}


if __name__ == "__main__":
    main()
