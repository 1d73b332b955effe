"""A character-level LSTM language model on a list of names, written as a PyTorch script.

Only the imports differ from PyTorch (see ``examples/__init__.py``).
"""

import math

import braininabox.nn.functional as F
import numpy as np
from braininabox.utils.data import DataLoader, TensorDataset

import braininabox as torch
from braininabox import nn, optim
from shared.datasets import load_names


class CharLSTM(nn.Module):
    def __init__(self, vocab_size, embed=32, hidden=128):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, embed)
        self.lstm = nn.LSTM(embed, hidden, batch_first=True)
        self.head = nn.Linear(hidden, vocab_size)

    def forward(self, x, state=None):
        out, state = self.lstm(self.embed(x), state)
        return self.head(out), state


def windows(text, stoi, length):
    ids = np.array([stoi[c] for c in text], dtype=np.int64)
    n = (len(ids) - 1) // length
    x = ids[: n * length].reshape(n, length)
    y = ids[1 : n * length + 1].reshape(n, length)
    return torch.from_numpy(x), torch.from_numpy(y)


def sample(model, stoi, itos, n=5, max_len=20):
    model.eval()
    names = []
    with torch.no_grad():
        for _ in range(n):
            x = torch.tensor([[stoi["."]]])
            state, name = None, ""
            for _ in range(max_len):
                logits, state = model(x, state)
                probs = F.softmax(logits[0, -1], dim=-1)
                nxt = torch.multinomial(probs, 1).item()
                if itos[nxt] == ".":
                    break
                name += itos[nxt]
                x = torch.tensor([[nxt]])
            names.append(name)
    return names


def main(epochs=6, n_names=None, seq_len=32, batch_size=64, lr=5e-3, seed=0, verbose=True):
    torch.manual_seed(seed)
    names = [n.lower() for n in load_names()[:n_names]]
    rng = np.random.default_rng(seed)
    rng.shuffle(names)
    split = int(0.9 * len(names))
    train_text = "." + ".".join(names[:split]) + "."
    val_text = "." + ".".join(names[split:]) + "."
    chars = sorted(set(train_text + val_text))
    stoi = {c: i for i, c in enumerate(chars)}
    itos = {i: c for c, i in stoi.items()}
    x_train, y_train = windows(train_text, stoi, seq_len)
    x_val, y_val = windows(val_text, stoi, seq_len)
    loader = DataLoader(TensorDataset(x_train, y_train), batch_size=batch_size, shuffle=True)

    model = CharLSTM(len(chars))
    optimizer = optim.Adam(model.parameters(), lr=lr)
    for epoch in range(epochs):
        model.train()
        for x, y in loader:
            optimizer.zero_grad()
            logits, _ = model(x)
            loss = F.cross_entropy(logits.view(-1, len(chars)), y.view(-1))
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
        model.eval()
        with torch.no_grad():
            logits, _ = model(x_val)
            val_loss = F.cross_entropy(logits.view(-1, len(chars)), y_val.view(-1)).item()
        if verbose:
            print(f"epoch {epoch + 1}: validation {val_loss:.3f} nats/char")
    return {
        "val_loss": val_loss,
        "perplexity": math.exp(val_loss),
        "samples": sample(model, stoi, itos),
    }


if __name__ == "__main__":
    main()
