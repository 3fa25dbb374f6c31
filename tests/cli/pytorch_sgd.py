"""torch.optim.SGD, transcribed for the CLI tests of `descent trace` (PyTorch is not a
dependency of the tests): the update of torch/optim/sgd.py, function _single_tensor_sgd,
for one parameter tensor held as a Python list of numbers (fractions.Fraction for exact
runs, mpmath.mpf for --digits runs), with the learning rate of a LambdaLR scheduler.

PyTorch's loop, statement by statement (d_p the gradient of the parameter):

    d_p = d_p_list[i] if not maximize else -d_p_list[i]
    if weight_decay != 0:
        d_p = d_p.add(param, alpha=weight_decay)
    if momentum != 0:
        buf = momentum_buffer_list[i]
        if buf is None:
            buf = torch.clone(d_p).detach()
            momentum_buffer_list[i] = buf
        else:
            buf.mul_(momentum).add_(d_p, alpha=1 - dampening)
        if nesterov:
            d_p = d_p.add(buf, alpha=momentum)
        else:
            d_p = buf
    param.add_(d_p, alpha=-lr)

LambdaLR(optimizer, lr_lambda) sets group["lr"] = base_lr * lr_lambda(epoch) with epoch 0
at construction and epoch k after k calls of scheduler.step(), i.e. before the (k+1)-th
optimizer.step(): step k (from 0) runs with lr = base_lr * lr_lambda(k).

PyTorch has no iterate x_{-1}: a run that starts with momentum is PyTorch with a buffer
preloaded into optimizer.state[p]["momentum_buffer"] (then the first step takes the `else`
branch, buf = momentum * buf + d_p).
"""


class SGD:
    """torch.optim.SGD(params=[p], lr, momentum, dampening, weight_decay, nesterov) for one
    parameter p (a list of numbers)."""

    def __init__(self, lr, momentum=0, dampening=0, weight_decay=0, nesterov=False, maximize=False):
        if nesterov and (momentum <= 0 or dampening != 0):
            raise ValueError("Nesterov momentum requires a momentum and zero dampening")  # as sgd.py
        self.param_groups = [{"lr": lr, "initial_lr": lr, "momentum": momentum, "dampening": dampening,
                              "weight_decay": weight_decay, "nesterov": nesterov, "maximize": maximize}]
        self.state = {"momentum_buffer": None}

    def step(self, param, grad):
        """One optimizer.step() on parameter `param` with gradient `grad`; returns the new
        parameter (a new list; PyTorch updates in place)."""
        group = self.param_groups[0]
        lr, momentum, dampening = group["lr"], group["momentum"], group["dampening"]
        weight_decay, nesterov, maximize = group["weight_decay"], group["nesterov"], group["maximize"]
        d_p = list(grad) if not maximize else [-g for g in grad]
        if weight_decay != 0:
            d_p = [d + weight_decay * p for d, p in zip(d_p, param)]  # d_p.add(param, alpha=weight_decay)
        if momentum != 0:
            buf = self.state["momentum_buffer"]
            if buf is None:
                buf = list(d_p)  # torch.clone(d_p).detach()
                self.state["momentum_buffer"] = buf
            else:
                buf = [b * momentum for b in buf]  # buf.mul_(momentum)
                buf = [b + (1 - dampening) * d for b, d in zip(buf, d_p)]  # .add_(d_p, alpha=1 - dampening)
                self.state["momentum_buffer"] = buf
            if nesterov:
                d_p = [d + momentum * b for d, b in zip(d_p, buf)]  # d_p.add(buf, alpha=momentum)
            else:
                d_p = buf
        return [p + (-lr) * d for p, d in zip(param, d_p)]  # param.add_(d_p, alpha=-lr)


class LambdaLR:
    """torch.optim.lr_scheduler.LambdaLR(optimizer, lr_lambda): lr = base_lr * lr_lambda(epoch)."""

    def __init__(self, optimizer, lr_lambda):
        self.optimizer = optimizer
        self.lr_lambda = lr_lambda
        self.base_lr = optimizer.param_groups[0]["initial_lr"]
        self.last_epoch = 0
        optimizer.param_groups[0]["lr"] = self.base_lr * lr_lambda(0)

    def step(self):
        self.last_epoch += 1
        self.optimizer.param_groups[0]["lr"] = self.base_lr * self.lr_lambda(self.last_epoch)
