using MlNetResNet.Imaging;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MlNetResNet.Training.Recipe;

/// <summary>
/// timm's <c>Mixup</c> in batch mode: every image is mixed with its partner in the reversed batch, and the targets —
/// one-hots smoothed by the label smoothing — in the same proportion. Draws come from (seed, epoch, batch).
/// </summary>
internal sealed class BatchMixer
{
    public const double MixupAlpha = 0.8;
    public const double CutMixAlpha = 1.0;
    public const double CutMixProbability = 0.5;

    // Its own stream, apart from the per-sample augmentation draws (stream 0) and the shuffle (stream 1).
    private const int Stream = 2;

    private readonly int seed;
    private readonly int numClasses;
    private readonly double labelSmoothing;

    public BatchMixer(int seed, int numClasses, double labelSmoothing)
    {
        this.seed = seed;
        this.numClasses = numClasses;
        this.labelSmoothing = labelSmoothing;
    }

    /// <summary>The mixing of batch <paramref name="batchIndex"/> of <paramref name="epoch"/>, for images of the given size.</summary>
    public MixDraw Draw(int epoch, int batchIndex, int height, int width)
    {
        var random = SampleRandom.For(seed, epoch, batchIndex, Stream);
        if (random.NextDouble() >= CutMixProbability)
            return new MixDraw(false, BetaDistribution.Sample(ref random, MixupAlpha, MixupAlpha), default);
        double lambda = BetaDistribution.Sample(ref random, CutMixAlpha, CutMixAlpha);
        // timm's rand_bbox: a box of side sqrt(1 - λ) of the image around a uniform centre, clipped to the image.
        double ratio = Math.Sqrt(1 - lambda);
        int cutHeight = (int)(height * ratio), cutWidth = (int)(width * ratio);
        int centreY = random.NextInt(height), centreX = random.NextInt(width);
        int top = Math.Clamp(centreY - cutHeight / 2, 0, height), bottom = Math.Clamp(centreY + cutHeight / 2, 0, height);
        int left = Math.Clamp(centreX - cutWidth / 2, 0, width), right = Math.Clamp(centreX + cutWidth / 2, 0, width);
        double covered = (double)(bottom - top) * (right - left) / (height * width);
        return new MixDraw(true, 1 - covered, (top, left, bottom - top, right - left));
    }

    /// <summary>The mixed images [N, 3, H, W] (a new tensor) for <paramref name="draw"/>.</summary>
    public static Tensor MixImages(Tensor images, MixDraw draw)
    {
        var partner = images.flip(0);
        if (!draw.CutMix) return images * draw.Lambda + partner * (1 - draw.Lambda);
        var mixed = images.clone();
        var (top, left, height, width) = draw.Box;
        if (height > 0 && width > 0)
            mixed.narrow(2, top, height).narrow(3, left, width).copy_(partner.narrow(2, top, height).narrow(3, left, width));
        return mixed;
    }

    /// <summary>The soft targets [N, classes] (float32): λ · smooth(y) + (1 − λ) · smooth(reversed y); each row sums to 1.</summary>
    public Tensor MixTargets(Tensor labels, double lambda)
    {
        double off = labelSmoothing / numClasses, on = 1 - labelSmoothing + off;
        var own = Smoothed(labels, on, off);
        var partner = Smoothed(labels.flip(0), on, off);
        return own * lambda + partner * (1 - lambda);
    }

    /// <summary>
    /// Mean over the batch of −Σ_c w_c · t_c · log softmax(logits)_c, PyTorch's cross-entropy with probability targets
    /// (weights null: all 1).
    /// </summary>
    public static Tensor SoftTargetLoss(Tensor logits, Tensor targets, Tensor? classWeights)
    {
        var weighted = classWeights is null ? targets : targets * classWeights.unsqueeze(0);
        return -(weighted * functional.log_softmax(logits, 1)).sum(1).mean();
    }

    private Tensor Smoothed(Tensor labels, double on, double off) =>
        functional.one_hot(labels, numClasses).to(ScalarType.Float32) * (on - off) + off;
}
