"""Prints the learning rate of each step of torch.optim.lr_scheduler.OneCycleLR (defaults), one per line.

Usage: one_cycle_lr.py MAX_LR TOTAL_STEPS
"""
import sys

import torch

max_lr, total_steps = float(sys.argv[1]), int(sys.argv[2])
parameter = torch.nn.Parameter(torch.zeros(1))
optimizer = torch.optim.SGD([parameter], lr=max_lr)
scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=max_lr, total_steps=total_steps)
for _ in range(total_steps):
    print(repr(optimizer.param_groups[0]["lr"]))
    optimizer.step()
    scheduler.step()
