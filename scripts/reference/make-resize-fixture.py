"""Dev-time: reference values for the antialiased bilinear resize, from PyTorch.

Run: /usr/bin/python3 scripts/reference/make-resize-fixture.py
Writes packages/engine/test/fixtures/resize/torch-antialias-bilinear.json
"""
import json
import math

import torch
import torch.nn.functional as F

cases = []
for (h, w, oh, ow) in [(7, 9, 4, 5), (3, 4, 8, 6), (100, 80, 13, 17), (256, 256, 128, 128), (288, 240, 64, 64), (5, 5, 5, 11)]:
    n = h * w
    src = [math.sin(i * 0.731) * 0.5 + 0.5 for i in range(n)]
    x = torch.tensor(src, dtype=torch.float32).reshape(1, 1, h, w)
    y = F.interpolate(x, size=(oh, ow), mode="bilinear", align_corners=False, antialias=True)
    cases.append({"inH": h, "inW": w, "outH": oh, "outW": ow, "src": "sin(i*0.731)*0.5+0.5", "out": [round(v, 7) for v in y.flatten().tolist()]})

with open("packages/engine/test/fixtures/resize/torch-antialias-bilinear.json", "w") as f:
    json.dump({"torch": torch.__version__, "cases": cases}, f)
