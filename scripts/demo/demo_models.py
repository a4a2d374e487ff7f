"""The four demo architectures and their model-card fields (dev-time only)."""

from __future__ import annotations

from typing import Any, Callable, Dict

import torch
import torch.nn.functional as F
from torch import nn
from torchvision.models import DenseNet
from torchvision.models.efficientnet import EfficientNet, _efficientnet_conf
from torchvision.models.resnet import BasicBlock, ResNet

MULTICLASS_LABELS = ['normal', 'nodule', 'opacity']
MULTILABEL_LABELS = ['nodule', 'opacity', 'effusion']


def relu_to_silu(module: nn.Module) -> nn.Module:
    """Replaces every nn.ReLU below `module` by nn.SiLU (x * sigmoid(x)), in place.

    The demo models use SiLU, as EfficientNet does, rather than ReLU: their gradient is then continuous
    along an integrated-gradients path, so 64 Gauss-Legendre steps integrate it to well under 1 % (with
    ReLU it is piecewise constant and the completeness gap at 64 steps was up to 3 % on the ResNet and
    more on the others). Lightbox explains ReLU models as well; the torchvision check covers them.
    """
    for name, child in module.named_children():
        if isinstance(child, nn.ReLU):
            setattr(module, name, nn.SiLU(inplace=True))
        else:
            relu_to_silu(child)
    return module


class NarrowResNet18(ResNet):
    """torchvision ResNet-18 layout (conv1 7x7/2, maxpool, 4 stages of 2 BasicBlocks, avgpool, fc), narrower,
    SiLU activations."""

    def __init__(self, base_width: int, num_classes: int) -> None:
        super().__init__(BasicBlock, [2, 2, 2, 2], num_classes=num_classes)
        w = base_width
        self.inplanes = w
        self.conv1 = nn.Conv2d(3, w, kernel_size=7, stride=2, padding=3, bias=False)
        self.bn1 = nn.BatchNorm2d(w)
        self.layer1 = self._make_layer(BasicBlock, w, 2)
        self.layer2 = self._make_layer(BasicBlock, w * 2, 2, stride=2)
        self.layer3 = self._make_layer(BasicBlock, w * 4, 2, stride=2)
        self.layer4 = self._make_layer(BasicBlock, w * 8, 2, stride=2)
        self.fc = nn.Linear(w * 8, num_classes)
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode='fan_out', nonlinearity='relu')
            elif isinstance(m, nn.BatchNorm2d):
                nn.init.ones_(m.weight)
                nn.init.zeros_(m.bias)
        relu_to_silu(self)


def narrow_efficientnet_b0(width_mult: float, depth_mult: float, num_classes: int) -> EfficientNet:
    """torchvision EfficientNet-B0 layout (MBConv stages, SE, SiLU) with width/depth multipliers."""
    setting, last_channel = _efficientnet_conf('efficientnet_b0', width_mult=width_mult, depth_mult=depth_mult)
    model = EfficientNet(setting, dropout=0.2, stochastic_depth_prob=0.1, num_classes=num_classes, last_channel=last_channel)
    # torchvision draws the classifier from U(+-1/sqrt(num_classes)), about +-0.58 for 3 classes: large initial
    # logits that slow training from scratch. Start from zero (uniform predictions) instead.
    nn.init.zeros_(model.classifier[1].weight)
    return model


class SmallDenseNet(DenseNet):
    """torchvision DenseNet layout (7x7 stem, dense blocks with transitions, norm5, activation, avgpool), small,
    SiLU activations (torchvision applies a functional relu after norm5; this applies silu there)."""

    def __init__(self, num_classes: int) -> None:
        super().__init__(growth_rate=12, block_config=(3, 4, 6, 4), num_init_features=32, bn_size=4, drop_rate=0.0, num_classes=num_classes)
        relu_to_silu(self)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out = F.silu(self.features(x))
        out = F.adaptive_avg_pool2d(out, (1, 1))
        return self.classifier(torch.flatten(out, 1))


def small_densenet(num_classes: int) -> DenseNet:
    return SmallDenseNet(num_classes)


class SoftPool2d(nn.Module):
    """SoftPool (Stergiou et al. 2021, arXiv:2101.00440): each window's values weighted by their softmax,
    sum(x * e^x) / sum(e^x), exported as Exp, Mul, AveragePool and Div. Close to max pooling for a clear
    peak, but smooth."""

    def __init__(self, kernel: int) -> None:
        super().__init__()
        self.kernel = kernel

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        e = torch.exp(x)
        return F.avg_pool2d(x * e, self.kernel) / F.avg_pool2d(e, self.kernel)


class TinyCnn(nn.Module):
    """Three conv+BN+SiLU blocks (2x2 SoftPool after the first two), global average pool, linear.

    SoftPool rather than max pooling keeps the model smooth: every change of a max-pool window's maximum
    along an integrated-gradients path is a kink, and 64 Gauss-Legendre steps left a completeness gap of
    up to 1.2 % with max pooling (13 % with ReLU as well). Average pooling and strided convolutions were
    smooth too but learned poorly here (held-out accuracy 0.65 and 0.50 after 24 epochs, against 0.87 with
    max pooling). ResNet and DenseNet keep their max-pooling stems.
    """

    def __init__(self, num_classes: int) -> None:
        super().__init__()

        def block(cin: int, cout: int) -> nn.Sequential:
            return nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.SiLU(inplace=True))

        self.features = nn.Sequential(block(1, 16), SoftPool2d(2), block(16, 32), SoftPool2d(2), block(32, 64))
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(64, num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc(torch.flatten(self.pool(self.features(x)), 1))


_MEAN3 = [0.5, 0.5, 0.5]
_STD3 = [0.25, 0.25, 0.25]

# name -> build function and the model-card fields fixed by design (metrics and calibration are added after training).
MODEL_SPECS: Dict[str, Dict[str, Any]] = {
    'demo-cxr-resnet18': {
        'build': lambda: NarrowResNet18(base_width=32, num_classes=3),
        'task': 'multiclass',
        'labels': MULTICLASS_LABELS,
        'input': {'name': 'input', 'channels': 3, 'height': 128, 'width': 128, 'mean': _MEAN3, 'std': _STD3},
        'activation': 'softmax',
        'architecture': 'torchvision ResNet-18 layout, base width 32 (torchvision: 64), SiLU activations',
    },
    'demo-cxr-efficientnet-b0': {
        'build': lambda: narrow_efficientnet_b0(width_mult=0.5, depth_mult=0.5, num_classes=3),
        'task': 'multiclass',
        'labels': MULTICLASS_LABELS,
        'input': {'name': 'input', 'channels': 3, 'height': 128, 'width': 128, 'mean': _MEAN3, 'std': _STD3},
        'activation': 'softmax',
        'architecture': 'torchvision EfficientNet-B0 layout, width_mult 0.5, depth_mult 0.5',
    },
    'demo-cxr-densenet': {
        'build': lambda: small_densenet(num_classes=3),
        'task': 'multilabel',
        'labels': MULTILABEL_LABELS,
        'input': {'name': 'input', 'channels': 3, 'height': 128, 'width': 128, 'mean': _MEAN3, 'std': _STD3},
        'activation': 'sigmoid',
        'architecture': 'torchvision DenseNet layout, growth rate 12, blocks (3, 4, 6, 4), 32 initial features, SiLU activations',
    },
    'demo-tiny-cnn': {
        'build': lambda: TinyCnn(num_classes=3),
        'task': 'multiclass',
        'labels': MULTICLASS_LABELS,
        'input': {'name': 'input', 'channels': 1, 'height': 64, 'width': 64, 'mean': [0.5], 'std': [0.25]},
        'activation': 'softmax',
        'architecture': '3 x (conv3x3 + BN + SiLU), 2x2 SoftPool after the first two, global average pool, linear',
    },
}


def build_model(name: str) -> nn.Module:
    build: Callable[[], nn.Module] = MODEL_SPECS[name]['build']
    return build()


def feature_source(model: nn.Module) -> tuple[nn.Module, Callable[[torch.Tensor], torch.Tensor]]:
    """The module whose output (after the returned function) is the last spatial feature map, the one
    the classifier pools; in the ONNX graph it is the card's targetLayer."""
    if isinstance(model, ResNet):
        return model.layer4, lambda f: f
    if isinstance(model, EfficientNet):
        return model.features, lambda f: f
    if isinstance(model, DenseNet):
        return model.features, F.silu  # the activation after norm5, before pooling
    if isinstance(model, TinyCnn):
        return model.features, lambda f: f
    raise TypeError(f'no feature source known for {type(model).__name__}')
