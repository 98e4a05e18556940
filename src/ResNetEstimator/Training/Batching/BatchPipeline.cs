using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using MlNetResNet.Imaging;

namespace MlNetResNet.Training.Batching;

/// <summary>
/// Builds the batches of one pass over a sample set on a background task while the caller computes on the
/// previous one: decode (or cache hit), transform and normalise straight into a pooled batch buffer, spread
/// over <c>workers</c> threads per batch. Batches come out in order; a sample's content depends only on
/// (epoch, sample), never on timing.
/// </summary>
internal sealed class BatchPipeline : IDisposable
{
    private readonly BatchPool pool;
    private readonly DecodedImageCache images;
    private readonly IImageSampleSource source;
    private readonly ISampleWriter writer;
    private readonly int[] order;
    private readonly int epoch;
    private readonly SkippedImageLog skipped;
    private readonly InvalidImagePolicy policy;
    private readonly ParallelOptions parallel;
    private readonly BlockingCollection<ImageBatch> ready = new();
    private readonly CancellationTokenSource stop;
    private readonly Task producer;
    private ExceptionDispatchInfo? failure;

    public BatchPipeline(BatchPool pool, DecodedImageCache images, IImageSampleSource source, ISampleWriter writer,
        int[] order, int epoch, SkippedImageLog skipped, InvalidImagePolicy policy, int workers, CancellationToken token)
    {
        this.pool = pool;
        this.images = images;
        this.source = source;
        this.writer = writer;
        this.order = order;
        this.epoch = epoch;
        this.skipped = skipped;
        this.policy = policy;
        BatchCount = (order.Length + pool.BatchSize - 1) / pool.BatchSize;
        stop = CancellationTokenSource.CreateLinkedTokenSource(token);
        parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, workers) };
        producer = Task.Factory.StartNew(Produce, TaskCreationOptions.LongRunning);
    }

    public int BatchCount { get; }

    /// <summary>
    /// The next batch, in order; false at the end or when cancelled. Rethrows a failure of the producer
    /// (e.g. an invalid image under <see cref="InvalidImagePolicy.Throw"/>) once the batches before it are taken.
    /// </summary>
    public bool TryTake(out ImageBatch batch)
    {
        try
        {
            if (ready.TryTake(out batch!, Timeout.Infinite, stop.Token)) return true;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            batch = null!;
            return false;
        }
        producer.Wait();
        failure?.Throw();
        return false;
    }

    /// <summary>Gives a taken batch back once compute no longer reads it.</summary>
    public void Return(ImageBatch batch) => pool.Return(batch);

    public void Dispose()
    {
        stop.Cancel();
        try { producer.Wait(); }
        catch (AggregateException) { /* the producer records its own failures; nothing more to report */ }
        while (ready.TryTake(out var batch)) pool.Return(batch);
        ready.Dispose();
        stop.Dispose();
    }

    private void Produce()
    {
        try
        {
            for (int index = 0; index < BatchCount; index++)
            {
                var batch = pool.Rent(stop.Token);
                try
                {
                    Fill(batch, index);
                }
                catch
                {
                    pool.Return(batch);
                    throw;
                }
                ready.Add(batch);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Cancelled by the consumer: stop quietly.
        }
        catch (Exception e)
        {
            failure = ExceptionDispatchInfo.Capture(e);
        }
        finally
        {
            ready.CompleteAdding();
        }
    }

    private void Fill(ImageBatch batch, int batchIndex)
    {
        int start = batchIndex * batch.Capacity;
        int size = Math.Min(batch.Capacity, order.Length - start);
        var filled = batch.Filled;
        for (int position = 0; position < size; position++) batch.SampleIndices[position] = order[start + position];

        if (parallel.MaxDegreeOfParallelism == 1 || size == 1)
        {
            for (int position = 0; position < size; position++) filled[position] = FillOne(batch, position);
        }
        else
        {
            try
            {
                Parallel.For(0, size, parallel, position => filled[position] = FillOne(batch, position));
            }
            catch (AggregateException e) when (e.InnerExceptions.Count > 0)
            {
                ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            }
        }

        // Close the gaps skipped samples left, keeping the order of the rest.
        int count = 0;
        for (int position = 0; position < size; position++)
        {
            if (!filled[position]) continue;
            if (position != count) batch.Move(position, count);
            count++;
        }
        batch.Count = count;
        batch.BatchIndex = batchIndex;
    }

    private bool FillOne(ImageBatch batch, int position)
    {
        int sample = batch.SampleIndices[position];
        if (skipped.Contains(sample)) return false;
        try
        {
            using var prepared = images.Get(sample);
            writer.Write(prepared, epoch, sample, batch.ImageAt(position));
        }
        catch (InvalidImageException e) when (policy == InvalidImagePolicy.Skip)
        {
            skipped.Add(sample, e);
            return false;
        }
        batch.SetLabel(position, source.GetLabel(sample));
        return true;
    }
}
