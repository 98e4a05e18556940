using System.Diagnostics;
using System.Runtime.ExceptionServices;
using TorchSharp;
using MlNetResNet.Imaging;
using MlNetResNet.Training.Batching;
using MlNetResNet.Training.FeatureCache;
using static TorchSharp.torch;

namespace MlNetResNet.Training.FineTuning;

/// <summary>
/// Runs the frozen backbone (eval mode, no gradients, float32 — exactly what the saved model computes) once per
/// image and view, and hands out the pooled features. View 0 is the validation preprocessing; views 1..k are
/// RandomResizedCrop + flip draws fixed by the seed. With a <see cref="FeatureCacheStore"/>, an image whose key is on
/// disk skips decoding and the backbone; what is computed is written back.
/// </summary>
internal sealed class FeatureExtractor
{
    // Augmented views draw their crops as "epochs" far beyond any training epoch, so they never repeat a training draw.
    private const int ViewEpochBase = 1_000_000;
    private const int BatchBuffers = 3;

    private readonly ResNet network;
    private readonly Device device;
    private readonly ResNetClassifierOptions options;
    private readonly FeatureCacheStore? store;
    private readonly int workers;
    private readonly string weightsFingerprint;

    public FeatureExtractor(ResNet network, Device device, ResNetClassifierOptions options, FeatureCacheStore? store, int workers)
    {
        this.network = network;
        this.device = device;
        this.options = options;
        this.store = store;
        this.workers = workers;
        weightsFingerprint = store is null ? "" : BackboneFingerprint.Of(network);
    }

    /// <summary>Images that went through the backbone (cache misses).</summary>
    public long ComputedImages { get; private set; }

    /// <summary>Seconds spent decoding and running the backbone for them.</summary>
    public double ComputeSeconds { get; private set; }

    /// <summary>The preprocessing part of the cache key of view <paramref name="view"/>.</summary>
    public string PreprocessingOf(int view) => view == 0
        ? "eval:resize-shorter+center-crop+imagenet-norm"
        : FormattableString.Invariant(
            $"train-view:{view}:seed={options.Seed}:scale={options.RandomCropScale}:ratio={options.RandomCropRatio}:flip={options.HorizontalFlip}");

    /// <summary>
    /// The features of every readable sample and view. When <paramref name="outOfTime"/> turns true the backbone stops
    /// after the current batch and only the rows computed (or read from the cache) so far are returned.
    /// </summary>
    public FeatureSet Extract(IImageSampleSource source, SkippedImageLog skipped, int views, Func<bool> outOfTime, CancellationToken token)
    {
        int count = source.Count, dimension = network.FeatureDimension;
        var values = new float[(long)(views + 1) * count * dimension];
        var have = new bool[(views + 1) * count];
        var images = new DecodedImageCache(source, options.EffectiveResizeSize, new CacheBudget(options.ImageCacheBytes));
        var keys = store is null ? null : KeysOf(source, images, skipped, views);
        if (keys is not null)
        {
            for (int row = 0; row < have.Length; row++)
                have[row] = keys[row] is { } key && store!.TryRead(key, values.AsSpan(row * dimension, dimension));
        }

        network.eval();
        using var pool = new BatchPool(BatchBuffers, options.BatchSize, options.ImageSize, pinMemory: device.type == DeviceType.CUDA);
        var clock = Stopwatch.StartNew();
        long computedBefore = ComputedImages;
        // At least one batch is computed even past the deadline, so the head always has rows to train on.
        bool MayGoOn() => ComputedImages == computedBefore || !outOfTime();
        for (int view = 0; view <= views && !token.IsCancellationRequested && MayGoOn(); view++)
        {
            int offset = view * count;
            var missing = Enumerable.Range(0, count).Where(i => !have[offset + i] && !skipped.Contains(i)).ToArray();
            // Seeded shuffle: when the deadline stops the backbone early, the rows reached are a sample of every class.
            SampleRandom.For(options.Seed, view, sample: 0, stream: 4).Shuffle(missing);
            if (missing.Length == 0) continue;
            ISampleWriter writer = view == 0
                ? new EvaluationPreprocessing(options.EffectiveResizeSize, options.ImageSize)
                : new TrainingAugmentation(new RandomResizedCrop(options.ImageSize, options.RandomCropScale, options.RandomCropRatio),
                    options.HorizontalFlip, options.Seed);
            using var pipeline = new BatchPipeline(pool, images, source, writer, missing, ViewEpochBase * Math.Sign(view) + view,
                skipped, options.InvalidImages, workers, token);
            while (MayGoOn() && pipeline.TryTake(out var batch))
            {
                try
                {
                    if (batch.Count == 0) continue;
                    var features = Forward(batch);
                    for (int position = 0; position < batch.Count; position++)
                    {
                        int row = offset + batch.SampleIndices[position];
                        var destination = values.AsSpan(row * dimension, dimension);
                        features.AsSpan(position * dimension, dimension).CopyTo(destination);
                        have[row] = true;
                        if (keys?[row] is { } key) store!.Write(key, destination);
                    }
                    ComputedImages += batch.Count;
                }
                finally
                {
                    pipeline.Return(batch);
                }
            }
        }
        ComputeSeconds += clock.Elapsed.TotalSeconds;
        token.ThrowIfCancellationRequested();
        return Collect(values, have, source, skipped, count, dimension);
    }

    private float[] Forward(ImageBatch batch)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var input = batch.Images.narrow(0, 0, batch.Count);
        if (device.type != DeviceType.CPU) input = input.to(device);
        return network.Features(input).cpu().contiguous().data<float>().ToArray();
    }

    // Content hashes in parallel (a read and a hash each, or a decode for sources without bytes), then one key per view.
    private FeatureCacheKey?[] KeysOf(IImageSampleSource source, DecodedImageCache images, SkippedImageLog skipped, int views)
    {
        int count = source.Count;
        var hashes = new byte[count][];
        try
        {
            Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, workers) }, index =>
            {
                try
                {
                    hashes[index] = ImageContentHash.Of(source, index, images);
                }
                catch (InvalidImageException e) when (options.InvalidImages == InvalidImagePolicy.Skip)
                {
                    skipped.Add(index, e);
                }
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
        var keys = new FeatureCacheKey?[(views + 1) * count];
        string architecture = network.Spec.TorchvisionName + "/" + string.Join(',', network.Spec.Layers);
        for (int view = 0; view <= views; view++)
        {
            string preprocessing = PreprocessingOf(view);
            for (int index = 0; index < count; index++)
            {
                if (hashes[index] is { } hash)
                    keys[view * count + index] = new FeatureCacheKey(hash, architecture, weightsFingerprint, options.ImageSize,
                        options.EffectiveResizeSize, preprocessing);
            }
        }
        return keys;
    }

    private static FeatureSet Collect(float[] values, bool[] have, IImageSampleSource source, SkippedImageLog skipped, int count, int dimension)
    {
        var rows = Enumerable.Range(0, have.Length).Where(row => have[row] && !skipped.Contains(row % count)).ToArray();
        var packed = new float[(long)rows.Length * dimension];
        for (int i = 0; i < rows.Length; i++)
            values.AsSpan(rows[i] * dimension, dimension).CopyTo(packed.AsSpan(i * dimension, dimension));
        return new FeatureSet(packed, rows.Select(row => source.GetLabel(row % count)).ToArray(), dimension);
    }
}
