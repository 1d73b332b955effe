"""P11 · BrainInABox: the course's core as one library with PyTorch's vocabulary.

``import braininabox as torch`` (the installed top-level package) answers with this
package. Public names: tensors and dtypes (``Tensor``, ``tensor``, ``from_numpy``,
``zeros``, ``ones``, ``arange``, ``randn``, ``float32``, ``long``, ...), ``no_grad``,
``manual_seed``, tensor functions (``cat``, ``stack``, ``max``, ``argmax``,
``multinomial``, ``allclose``, ...), the submodules ``nn`` (with ``nn.functional`` and
``nn.utils``), ``optim`` (with ``optim.lr_scheduler``) and ``utils.data``, ``save`` /
``load``, and the course's additions: ``Trainer``, the callbacks and ``summary``.
"""

from shared.tensor import Tensor, is_grad_enabled, no_grad

from . import nn, optim, utils
from .callbacks import Callback, EarlyStopping, LRSchedulerCallback, ModelCheckpoint
from .creation import (
    DTYPES,
    arange,
    as_tensor,
    bool_,
    device,
    double,
    eye,
    float16,
    float32,
    float64,
    float_,
    from_numpy,
    full,
    half,
    int8,
    int16,
    int32,
    int64,
    int_,
    is_tensor,
    linspace,
    long,
    manual_seed,
    numel,
    ones,
    ones_like,
    rand,
    randint,
    randn,
    randperm,
    resolve_dtype,
    tensor,
    uint8,
    zeros,
    zeros_like,
)
from .ops import (
    allclose,
    argmax,
    argmin,
    cat,
    concat,
    concatenate,
    equal,
    exp,
    flatten,
    log,
    log_softmax,
    matmul,
    max,
    mean,
    mm,
    multinomial,
    relu,
    reshape,
    sigmoid,
    softmax,
    stack,
    sum,
    tanh,
    where,
)
from .serialization import load, save
from .summary import LayerRow, ModelSummary, summary
from .trainer import Trainer

# PyTorch spells these as module attributes.
float = float32  # noqa: A001
int = int32  # noqa: A001
bool = bool_  # noqa: A001
__version__ = "0.1.0"


class _Cuda:
    """``torch.cuda.is_available()`` is False: BrainInABox runs on the CPU."""

    @staticmethod
    def is_available() -> bool:
        return False

    @staticmethod
    def manual_seed(seed: int) -> None:
        pass

    manual_seed_all = manual_seed


cuda = _Cuda()

__all__ = [
    "DTYPES",
    "Callback",
    "EarlyStopping",
    "LRSchedulerCallback",
    "LayerRow",
    "ModelCheckpoint",
    "ModelSummary",
    "Tensor",
    "Trainer",
    "allclose",
    "arange",
    "argmax",
    "argmin",
    "as_tensor",
    "bool_",
    "cat",
    "concat",
    "concatenate",
    "cuda",
    "device",
    "double",
    "equal",
    "exp",
    "eye",
    "flatten",
    "float16",
    "float32",
    "float64",
    "float_",
    "from_numpy",
    "full",
    "half",
    "int8",
    "int16",
    "int32",
    "int64",
    "int_",
    "is_grad_enabled",
    "is_tensor",
    "linspace",
    "load",
    "log",
    "log_softmax",
    "long",
    "manual_seed",
    "matmul",
    "max",
    "mean",
    "mm",
    "multinomial",
    "nn",
    "no_grad",
    "numel",
    "ones",
    "ones_like",
    "optim",
    "rand",
    "randint",
    "randn",
    "randperm",
    "relu",
    "reshape",
    "resolve_dtype",
    "save",
    "sigmoid",
    "softmax",
    "stack",
    "sum",
    "summary",
    "tanh",
    "tensor",
    "uint8",
    "utils",
    "where",
    "zeros",
    "zeros_like",
]
