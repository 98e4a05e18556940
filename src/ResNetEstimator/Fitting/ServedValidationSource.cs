using System.Runtime.ExceptionServices;
using Microsoft.ML;
using Microsoft.ML.Data;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using MlNetResNet.Imaging;
using MlNetResNet.Scoring;

namespace MlNetResNet.Fitting;

/// <summary>
/// The validation images exactly as the saved model sees them. Before training, one pass runs the scoring chain's
/// own preprocessing (LoadImages for a path column, then ResizeImages and ExtractPixels: Skia decode, alpha
/// premultiplied, iso-crop resize) over the validation rows of the data view, and keeps each row's R×R RGB bytes
/// in a temporary file. <see cref="Load"/> reads them back; the trainer's center crop and ImageNet normalisation then
/// give the ONNX graph's input, so the validation loss and accuracy, and the epoch they pick, are those of the
/// model that is saved. The file, not memory, holds the pixels: the trainer's image cache keeps what fits its budget.
/// </summary>
internal sealed class ServedValidationSource : IImageSampleSource, IDisposable
{
    private readonly string?[] problems;
    private readonly DataViewImageSource rows;
    private readonly int side;
    private FileStream? store;

    private ServedValidationSource(DataViewImageSource rows, int side, string?[] problems)
    {
        this.rows = rows;
        this.side = side;
        this.problems = problems;
    }

    public int Count => rows.Count;

    private int BytesPerImage => 3 * side * side;

    /// <summary>
    /// Runs the saved chain's preprocessing over the rows of <paramref name="data"/> at <paramref name="positions"/>
    /// (ascending row positions, one per sample of <paramref name="rows"/>), spread over <paramref name="workers"/> cursors.
    /// </summary>
    /// <param name="rows">The same samples as read for training: labels, descriptions and rows already known to be
    /// unreadable. The source takes it over and disposes it.</param>
    public static ServedValidationSource Compute(IDataView data, ScoringChainSpec spec, DataViewImageSource rows,
        IReadOnlyList<int> positions, string tempFolder, int workers)
    {
        var source = new ServedValidationSource(rows, spec.ResizeSize, new string?[rows.Count]);
        try
        {
            if (positions.Count != rows.Count)
                throw new ArgumentException($"{positions.Count} positions for {rows.Count} validation samples.", nameof(positions));
            if (rows.Count == 0) return source;
            var pixels = ScoringChain.FitPreprocess(new MLContext(), data, spec).Transform(data);
            source.store = CreateStore(tempFolder, (long)rows.Count * source.BytesPerImage);
            int chunks = Math.Clamp(workers, 1, rows.Count);
            try
            {
                Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = chunks }, chunk =>
                    source.Fill(pixels, positions, (int)((long)rows.Count * chunk / chunks), (int)((long)rows.Count * (chunk + 1) / chunks)));
            }
            catch (AggregateException e) when (e.InnerExceptions.Count > 0)
            {
                ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            }
            return source;
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    public int GetLabel(int index) => rows.GetLabel(index);

    public string Describe(int index) => rows.Describe(index);

    /// <summary>The stored R×R pixels of a sample; throws <see cref="InvalidImageException"/> for a row the chain could not read.</summary>
    public Image<Rgb24> Load(int index)
    {
        if (problems[index] is { } problem) throw new InvalidImageException(rows.Describe(index), problem);
        var bytes = new byte[BytesPerImage];
        // Positional reads: safe from several worker threads at once.
        RandomAccess.Read(store!.SafeFileHandle, bytes, (long)index * BytesPerImage);
        return Image.LoadPixelData<Rgb24>(ImagingConfiguration.SingleThreaded, bytes, side, side);
    }

    public void Dispose()
    {
        store?.Dispose();
        rows.Dispose();
    }

    // Deleted on close, and on Unix at once (the open handle keeps the data), so not even a killed process leaves it behind.
    private static FileStream CreateStore(string folder, long length)
    {
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, $"mlnetresnet-validation-{Guid.NewGuid():N}.pixels");
        var stream = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Delete, 1, FileOptions.DeleteOnClose);
        if (!OperatingSystem.IsWindows()) File.Delete(path);
        stream.SetLength(length);
        return stream;
    }

    // One cursor per chunk: ML.NET's getters are lazy, so rows outside [first, end) are passed over without being decoded.
    private void Fill(IDataView pixels, IReadOnlyList<int> positions, int first, int end)
    {
        if (first >= end) return;
        var column = pixels.Schema[ScoringColumnNames.Pixels];
        // Asking for the resized MLImage too keeps ML.NET from splitting this cursor over threads: with only cachable
        // columns it would compute every row's pixels ahead of the cursor, training rows included (seen: it decoded,
        // and failed on, a broken training file).
        using var cursor = pixels.GetRowCursor([column, pixels.Schema[ScoringColumnNames.ResizedImage]]);
        var getPixels = cursor.GetGetter<VBuffer<float>>(column);
        VBuffer<float> values = default;
        var bytes = new byte[BytesPerImage];
        int sample = first;
        while (sample < end && cursor.MoveNext())
        {
            if (cursor.Position != positions[sample]) continue;
            if (rows.UnreadableProblem(sample) is { } known)
            {
                problems[sample++] = known;
                continue;
            }
            try
            {
                getPixels(ref values);
            }
            catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                // What LoadImages throws for a missing or undecodable file; the trainer's invalid-image policy decides.
                problems[sample++] = $"cannot be loaded by the saved model's LoadImages ({e.Message})";
                continue;
            }
            WriteInterleaved(values.IsDense ? values.GetValues() : values.DenseValues().ToArray(), bytes);
            RandomAccess.Write(store!.SafeFileHandle, bytes, (long)sample * BytesPerImage);
            sample++;
        }
        if (sample < end)
            throw new InvalidOperationException(
                $"The validation data view ended before row {positions[sample]}: it gave fewer rows the second time it was read.");
    }

    // ExtractPixels gives planar R, G, B planes of whole numbers 0..255 (scale 1, offset 0), so bytes hold them exactly.
    private void WriteInterleaved(ReadOnlySpan<float> planar, Span<byte> interleaved)
    {
        int plane = side * side;
        if (planar.Length != 3 * plane)
            throw new InvalidOperationException($"ExtractPixels gave {planar.Length} values; a {side}x{side} RGB image has {3 * plane}.");
        for (int i = 0; i < plane; i++)
        {
            interleaved[3 * i] = (byte)planar[i];
            interleaved[3 * i + 1] = (byte)planar[plane + i];
            interleaved[3 * i + 2] = (byte)planar[2 * plane + i];
        }
    }
}
