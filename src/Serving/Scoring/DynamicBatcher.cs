using System.Threading.Channels;
using MlNetResNet.Pipelines.Scoring;
using MlNetResNet.Serving.Metrics;
using MlNetResNet.Serving.Models;

namespace MlNetResNet.Serving.Scoring;

/// <summary>
/// Triton-style dynamic batching: requests wait in a queue; one loop takes the first, keeps collecting whole requests
/// while they fit in <c>MaxBatch</c> images, until the batch is full or <c>MaxDelayMs</c> has passed, and scores them in
/// one ONNX Runtime call per model version (a reload can leave two versions in one window). A request that would
/// overfill the batch opens the next one; a single request larger than <c>MaxBatch</c> is scored alone. With
/// <c>MaxBatch</c> = 1 each request is scored on its own thread at once, which is the "batching off" the benchmark
/// compares with.
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

    /// <summary>Probabilities of each prepared image, scored with the model version of the lease.</summary>
    public Task<float[][]> ScoreAsync(ServedModel model, IReadOnlyList<PreparedImage> images, CancellationToken cancellation)
    {
        if (maxBatch == 1)
        {
            metrics.BatchScored(images.Count);
            return Task.FromResult(model.Scorer.Score(images));
        }
        // The job holds its own reference: a request that times out releases its lease, but its queued images are
        // still scored with this version, which must not be disposed under them.
        if (!model.TryAcquire()) throw new InvalidOperationException("The model version was released while its request still held it.");
        var job = new Job(model, images);
        if (!queue.Writer.TryWrite(job))
        {
            model.Release();
            throw new InvalidOperationException("The server is shutting down.");
        }
        return job.Result.Task.WaitAsync(cancellation);
    }

    private async Task RunAsync()
    {
        var pending = new List<Job>();
        Job? carried = null; // read, but it would have overfilled the last batch: it opens this one
        while (carried is not null || await queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            Job? first = carried;
            carried = null;
            if (first is null && !queue.Reader.TryRead(out first)) continue;
            pending.Add(first);
            int images = first.Images.Count;
            var deadline = DateTime.UtcNow + maxDelay;
            while (images < maxBatch)
            {
                if (queue.Reader.TryRead(out var next))
                {
                    if (images + next.Images.Count > maxBatch)
                    {
                        carried = next;
                        break;
                    }
                    pending.Add(next);
                    images += next.Images.Count;
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
        var images = jobs.SelectMany(job => job.Images).ToList();
        try
        {
            var probabilities = jobs[0].Model.Scorer.Score(images);
            metrics.BatchScored(images.Count);
            int row = 0;
            foreach (var job in jobs)
            {
                job.Result.TrySetResult(probabilities[row..(row + job.Images.Count)]);
                row += job.Images.Count;
            }
        }
        catch (Exception error)
        {
            // The loop must survive whatever one batch does; each waiting request gets the failure.
            logger.LogError(error, "A batch of {Images} images failed", images.Count);
            foreach (var job in jobs) job.Result.TrySetException(error);
        }
        finally
        {
            foreach (var job in jobs) job.Model.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await loop.ConfigureAwait(false);
    }

    private sealed record Job(ServedModel Model, IReadOnlyList<PreparedImage> Images)
    {
        public TaskCompletionSource<float[][]> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
