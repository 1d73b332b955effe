"""Tasks 1-2 · the sequence ops beyond the generic checks: split, errors, the LSTM step."""

from __future__ import annotations

import numpy as np
import pytest

from m2m.numgrad import assert_gradient


@pytest.mark.task(1)
def test_split_by_sizes_routes_each_gradient_to_its_block():
    import shared.functional as F
    from shared.tensor import Tensor

    a = Tensor(np.arange(12.0).reshape(3, 4), requires_grad=True)
    left, right = F.split(a, [1, 3], axis=1)
    assert left.shape == (3, 1) and right.shape == (3, 3), "split(a, [1, 3], axis=1) shapes"
    (left.sum() * 2.0 + right.sum() * 5.0).backward()
    expected = np.array([[2.0, 5.0, 5.0, 5.0]] * 3)
    np.testing.assert_array_equal(a.grad, expected, err_msg="each piece's gradient in its block")
    with pytest.raises(ValueError, match="4"):  # the sizes add to 5, the length is 4
        F.split(Tensor(np.zeros(4)), [2, 3])


@pytest.mark.task(1)
def test_stack_and_concat_refuse_mismatched_shapes():
    import shared.functional as F
    from shared.tensor import Tensor

    with pytest.raises(ValueError, match=r"\(2, 3\)"):
        F.stack([Tensor(np.zeros((2, 3))), Tensor(np.zeros((3, 2)))])
    with pytest.raises(ValueError, match=r"\(2, 3\)"):
        F.concat([Tensor(np.zeros((2, 3))), Tensor(np.zeros((3, 2)))], axis=0)


@pytest.mark.task(1)
def test_embedding_refuses_out_of_range_and_float_indices():
    import shared.functional as F
    from shared.tensor import Tensor

    w = Tensor(np.zeros((4, 2)))
    with pytest.raises(ValueError, match="7"):
        F.embedding(w, np.array([0, 7]))
    with pytest.raises(TypeError, match="float"):
        F.embedding(w, np.array([0.0, 1.0]))


@pytest.mark.task(2)
def test_lstm_cell_backward_with_a_partly_used_output(rng):
    """Only h' feeds the loss (c' is dropped): the gradient still flows into c through the
    output gate's tanh(c') path and must match central differences."""
    import shared.functional as F
    from shared.tensor import Tensor

    N, H = 2, 3
    arrays = [
        rng.uniform(-0.5, 0.5, size=s) for s in ((N, 4 * H), (N, H), (N, H), (4 * H, H), (4 * H,))
    ]
    weights = rng.normal(size=(N, H))
    tensors = [Tensor(a, requires_grad=True) for a in arrays]
    out = F.lstm_cell(*tensors)
    (out[:, :H] * Tensor(weights)).sum().backward()

    def loss(k):
        def f(v):
            args = [Tensor(a) for a in arrays]
            args[k] = Tensor(v)
            return float((F.lstm_cell(*args).data[:, :H] * weights).sum())

        return f

    for k, name in enumerate(["xw", "h", "c", "weight_hh", "bias_hh"]):
        assert_gradient(loss(k), arrays[k], tensors[k].grad, what=f"lstm_cell: d loss / d {name}")


@pytest.mark.task(2)
def test_lstm_cell_names_the_wrong_shape():
    import shared.functional as F
    from shared.tensor import Tensor

    z = np.zeros
    with pytest.raises(ValueError, match=r"\(2, 7\)"):
        F.lstm_cell(
            Tensor(z((2, 7))), Tensor(z((2, 2))), Tensor(z((2, 2))), Tensor(z((8, 2))), Tensor(z(8))
        )
