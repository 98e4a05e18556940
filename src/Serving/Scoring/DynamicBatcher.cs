using System.Threading.Channels;
using MlNetResNet.Serving.Metrics;
using MlNetResNet.Serving.Models;

namespace MlNetResNet.Serving.Scoring;

/// <summary>
/// Triton-style dynamic batching: requests wait in a queue; one loop takes the first, keeps collecting until the
/// batch holds <c>MaxBatch</c> images or <c>MaxDelayMs</c> has passed, and scores them in one ONNX Runtime call per
/// model version (a reload can leave two versions in one window). With <c>MaxBatch</c> = 1 each request is scored on
/// its own thread at once, which is the "batching off" the benchmark compares with.
/// </summary>
public sealed class DynamicBatcher : IAsyncDisposable
{
    private readonly Channel<Job> queue = Channel.CreateUnbounded<Job>(new UnboundedChannelOptions { SingleReader = true });
    private readonly int maxBatch;
    private readonly TimeSpan maxDelay;
    private readonly ServingMetrics metrics;
    private readonly ILogger<DynamicBatcher> logger;
    private readonly Task loop;

    public DynamicBatcher(ServingOptions options, ServingMetrics metrics, ILogger<DynamicBatcher> logger)
    {
        maxBatch = options.MaxBatch;
        maxDelay = TimeSpan.FromMilliseconds(options.MaxDelayMs);
        this.metrics = metrics;
        this.logger = logger;
        loop = maxBatch > 1 ? Task.Run(RunAsync) : Task.CompletedTask;
    }

    /// <summary>Probabilities [count, classes] of prepared images, scored with the model version of the lease.</summary>
    public Task<float[]> ScoreAsync(ServedModel model, float[] pixels, int count, CancellationToken cancellation)
    {
        if (maxBatch == 1)
        {
            metrics.BatchScored(count);
            return Task.FromResult(model.Scorer.Score(pixels, count));
        }
        var job = new Job(model, pixels, count);
        if (!queue.Writer.TryWrite(job)) throw new InvalidOperationException("The server is shutting down.");
        return job.Result.Task.WaitAsync(cancellation);
    }

    private async Task RunAsync()
    {
        var pending = new List<Job>();
        while (await queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            if (!queue.Reader.TryRead(out var first)) continue;
            pending.Add(first);
            int images = first.Count;
            var deadline = DateTime.UtcNow + maxDelay;
            while (images < maxBatch)
            {
                if (queue.Reader.TryRead(out var next))
                {
                    pending.Add(next);
                    images += next.Count;
                    continue;
                }
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero) break;
                using var wait = new CancellationTokenSource(left);
                try
                {
                    if (!await queue.Reader.WaitToReadAsync(wait.Token).ConfigureAwait(false)) break;
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
            foreach (var group in pending.GroupBy(job => job.Model)) Score(group.ToList());
            pending.Clear();
        }
    }

    private void Score(List<Job> jobs)
    {
        var scorer = jobs[0].Model.Scorer;
        int count = jobs.Sum(j => j.Count);
        try
        {
            float[] pixels = jobs.Count == 1 ? jobs[0].Pixels : new float[count * scorer.PixelsPerImage];
            if (jobs.Count > 1)
            {
                int offset = 0;
                foreach (var job in jobs)
                {
                    job.Pixels.AsSpan(0, job.Count * scorer.PixelsPerImage).CopyTo(pixels.AsSpan(offset));
                    offset += job.Count * scorer.PixelsPerImage;
                }
            }
            float[] probabilities = scorer.Score(pixels, count);
            metrics.BatchScored(count);
            int classes = probabilities.Length / count, row = 0;
            foreach (var job in jobs)
            {
                job.Result.TrySetResult(probabilities.AsSpan(row * classes, job.Count * classes).ToArray());
                row += job.Count;
            }
        }
        catch (Exception error)
        {
            // The loop must survive whatever one batch does; each waiting request gets the failure.
            logger.LogError(error, "A batch of {Images} images failed", count);
            foreach (var job in jobs) job.Result.TrySetException(error);
        }
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await loop.ConfigureAwait(false);
    }

    private sealed record Job(ServedModel Model, float[] Pixels, int Count)
    {
        public TaskCompletionSource<float[]> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
