"""MNIST with a LeNet-style convolutional network, written as a PyTorch script.

Only the imports differ from PyTorch (see ``examples/__init__.py``).
"""

import numpy as np
from braininabox.optim.lr_scheduler import CosineAnnealingLR
from braininabox.utils.data import DataLoader, TensorDataset

import braininabox as torch
from braininabox import nn, optim
from shared.datasets import load_mnist


class LeNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 6, kernel_size=5, padding=2),
            nn.BatchNorm2d(6),
            nn.ReLU(),
            nn.MaxPool2d(2),
            nn.Conv2d(6, 16, kernel_size=5),
            nn.ReLU(),
            nn.MaxPool2d(2),
        )
        self.classifier = nn.Sequential(
            nn.Flatten(),
            nn.Linear(16 * 5 * 5, 120),
            nn.ReLU(),
            nn.Linear(120, 84),
            nn.ReLU(),
            nn.Linear(84, 10),
        )

    def forward(self, x):
        return self.classifier(self.features(x))


def mnist_tensors(split, limit=None):
    images, labels = load_mnist(split)
    images, labels = images[:limit], labels[:limit]
    x = torch.from_numpy(images.astype(np.float32)[:, None] / 255.0)
    return (x - 0.1307) / 0.3081, torch.from_numpy(labels.astype(np.int64))


def main(epochs=3, n_train=None, n_test=None, batch_size=64, lr=2e-3, seed=0, verbose=True):
    torch.manual_seed(seed)
    x_train, y_train = mnist_tensors("train", n_train)
    x_test, y_test = mnist_tensors("test", n_test)
    train_loader = DataLoader(TensorDataset(x_train, y_train), batch_size=batch_size, shuffle=True)
    test_loader = DataLoader(TensorDataset(x_test, y_test), batch_size=500)

    model = LeNet()
    optimizer = optim.AdamW(model.parameters(), lr=lr, weight_decay=1e-4)
    scheduler = CosineAnnealingLR(optimizer, T_max=epochs)
    criterion = nn.CrossEntropyLoss()

    for epoch in range(epochs):
        model.train()
        for x, y in train_loader:
            optimizer.zero_grad()
            loss = criterion(model(x), y)
            loss.backward()
            optimizer.step()
        scheduler.step()
        model.eval()
        correct = 0
        with torch.no_grad():
            for x, y in test_loader:
                correct += (model(x).argmax(dim=1) == y).sum().item()
        accuracy = correct / len(y_test)
        if verbose:
            print(f"epoch {epoch + 1}: loss {loss.item():.4f}, test accuracy {accuracy:.4f}")
    return {"test_accuracy": accuracy, "params": sum(p.numel() for p in model.parameters())}


if __name__ == "__main__":
    main()
