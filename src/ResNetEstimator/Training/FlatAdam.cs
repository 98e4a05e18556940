using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MlNetResNet.Training;

/// <summary>
/// Adam / AdamW over one contiguous buffer. The trainable parameters are re-seated as views of a single
/// flat tensor, and their gradients as views of a single flat gradient, so one step is a handful of
/// kernels over all weights instead of ~10 per parameter tensor (ResNet-50 has 161): on a GPU the
/// per-parameter loop is launch-bound. The arithmetic is torch.optim.Adam's (and AdamW's for decoupled decay).
/// </summary>
internal sealed class FlatAdam : IDisposable
{
    private readonly Tensor weights;
    private readonly Tensor gradients;
    private readonly Tensor firstMoment;
    private readonly Tensor secondMoment;
    private readonly Tensor scratch;
    private readonly Tensor? rateScale;
    private readonly double beta1;
    private readonly double beta2;
    private readonly double epsilon;
    private readonly double weightDecay;
    private readonly bool decoupledWeightDecay;

    /// <param name="parameters">Trainable parameters, all of one dtype and device (move the module first).</param>
    public FlatAdam(IEnumerable<Parameter> parameters, double learningRate, double beta1 = 0.9, double beta2 = 0.999,
        double epsilon = 1e-8, double weightDecay = 0, bool decoupledWeightDecay = false,
        IReadOnlyList<double>? rateMultipliers = null)
    {
        var trainable = parameters.Where(p => p.requires_grad).ToList();
        if (trainable.Count == 0) throw new ArgumentException("There is no trainable parameter.", nameof(parameters));
        long total = trainable.Sum(p => p.numel());
        var first = trainable[0];
        weights = empty(total, dtype: first.dtype, device: first.device);
        gradients = zeros(total, dtype: first.dtype, device: first.device);
        firstMoment = zeros(total, dtype: first.dtype, device: first.device);
        secondMoment = zeros(total, dtype: first.dtype, device: first.device);
        // Reused every step for the denominator: a fresh weights-sized tensor per step is a large native
        // allocation (44 MB for ResNet-18) that glibc maps and unmaps each time.
        scratch = empty(total, dtype: first.dtype, device: first.device);

        using (no_grad())
        {
            long offset = 0;
            foreach (var parameter in trainable)
            {
                long count = parameter.numel();
                // Same strides as the parameter, so a channels-last weight stays channels-last.
                var strides = DenseStrides(parameter);
                using var weightSlot = weights.as_strided(parameter.shape, strides, offset);
                weightSlot.copy_(parameter);
                parameter.set_(weightSlot);
                // Autograd accumulates in place into an existing gradient, i.e. into the flat buffer.
                parameter.grad = gradients.as_strided(parameter.shape, strides, offset);
                offset += count;
            }
        }
        if (rateMultipliers is not null) rateScale = RateScale(trainable, rateMultipliers);
        LearningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
        this.decoupledWeightDecay = decoupledWeightDecay;
    }

    // One multiplier per trainable parameter, spread over its slots of the flat buffer (discriminative learning rates).
    private static Tensor RateScale(List<Parameter> trainable, IReadOnlyList<double> multipliers)
    {
        if (multipliers.Count != trainable.Count)
            throw new ArgumentException($"Got {multipliers.Count} rate multipliers for {trainable.Count} trainable parameters.", nameof(multipliers));
        var first = trainable[0];
        var scale = new float[trainable.Sum(p => p.numel())];
        long offset = 0;
        for (int i = 0; i < trainable.Count; i++)
        {
            long count = trainable[i].numel();
            Array.Fill(scale, (float)multipliers[i], (int)offset, (int)count);
            offset += count;
        }
        return tensor(scale).to(first.dtype).to(first.device);
    }

    private static long[] DenseStrides(Tensor parameter)
    {
        var strides = parameter.stride();
        long extent = 1;
        for (int i = 0; i < strides.Length; i++) extent += (parameter.shape[i] - 1) * strides[i];
        // A permuted dense layout (contiguous or channels-last) keeps its strides; anything else is packed.
        return extent == parameter.numel() ? strides : Contiguous(parameter.shape);
    }

    private static long[] Contiguous(long[] shape)
    {
        var strides = new long[shape.Length];
        long step = 1;
        for (int i = shape.Length - 1; i >= 0; i--) { strides[i] = step; step *= shape[i]; }
        return strides;
    }

    /// <summary>Rate used by the next <see cref="Step"/>; schedules set it before each step.</summary>
    public double LearningRate { get; set; }

    /// <summary>Steps taken so far (drives Adam's bias correction).</summary>
    public long StepCount { get; private set; }

    /// <summary>Zeroes all gradients with one kernel (never sets them to null: they must stay views).</summary>
    public void ZeroGrad() => gradients.zero_();

    /// <summary>One Adam update of every trainable parameter.</summary>
    public void Step()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        StepCount++;
        var gradient = gradients;
        if (weightDecay != 0 && !decoupledWeightDecay) gradient = gradients.add(weights, alpha: weightDecay);
        if (weightDecay != 0 && decoupledWeightDecay) weights.mul_(1 - LearningRate * weightDecay);

        firstMoment.mul_(beta1).add_(gradient, alpha: 1 - beta1);
        secondMoment.mul_(beta2).addcmul_(gradient, gradient, value: 1 - beta2);
        double firstCorrection = 1 - Math.Pow(beta1, StepCount);
        double secondCorrection = 1 - Math.Pow(beta2, StepCount);
        var denominator = scratch.copy_(secondMoment).sqrt_().div_(Math.Sqrt(secondCorrection)).add_(epsilon);
        // Dividing the denominator by a weight's multiplier multiplies its step by it, with no extra buffer.
        if (rateScale is not null) denominator.div_(rateScale);
        weights.addcdiv_(firstMoment, denominator, value: -LearningRate / firstCorrection);
    }

    /// <summary>Optimizer state for checkpoints: moments and step count.</summary>
    public (Tensor FirstMoment, Tensor SecondMoment, long StepCount) State => (firstMoment, secondMoment, StepCount);

    /// <summary>Restores state saved from <see cref="State"/> of an optimizer over the same parameters.</summary>
    public void Restore(Tensor first, Tensor second, long stepCount)
    {
        using var noGrad = no_grad();
        firstMoment.copy_(first);
        secondMoment.copy_(second);
        StepCount = stepCount;
    }

    public void Dispose()
    {
        weights.Dispose();
        gradients.Dispose();
        firstMoment.Dispose();
        secondMoment.Dispose();
        scratch.Dispose();
        rateScale?.Dispose();
    }
}
