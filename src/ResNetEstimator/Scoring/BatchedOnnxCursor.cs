using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetResNet.Scoring;

/// <summary>Cursor of <see cref="BatchedOnnxDataView"/>: scores the next batch when the current one is used up.</summary>
internal sealed class BatchedOnnxCursor : DataViewRowCursor
{
    private readonly BatchedOnnxDataView view;
    private readonly DataViewRowCursor main;
    private readonly DataViewRowCursor? ahead;
    private readonly ValueGetter<VBuffer<float>>? pixelsGetter;
    private readonly HashSet<int> active;
    private readonly float[] pixels;
    private VBuffer<float> rowPixels;
    private float[][] outputs = [];
    private int batchRows;
    private int rowInBatch;

    public BatchedOnnxCursor(BatchedOnnxDataView view, DataViewRowCursor main, DataViewRowCursor? ahead, HashSet<int> active)
    {
        this.view = view;
        this.main = main;
        this.ahead = ahead;
        this.active = active;
        pixels = ahead is null ? [] : new float[view.BatchSize * view.Scorer.PixelsPerImage];
        pixelsGetter = ahead?.GetGetter<VBuffer<float>>(view.PixelsColumn);
    }

    public override DataViewSchema Schema => view.Schema;

    public override long Position => main.Position;

    public override long Batch => main.Batch;

    public override ValueGetter<DataViewRowId> GetIdGetter() => main.GetIdGetter();

    public override bool IsColumnActive(DataViewSchema.Column column) =>
        column.Index < main.Schema.Count ? main.IsColumnActive(main.Schema[column.Index]) : active.Contains(column.Index);

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        if (column.Index < main.Schema.Count)
            return main.GetGetter<TValue>(main.Schema[column.Index]);
        int output = Array.IndexOf(view.OutputColumnIndices, column.Index);
        if (output < 0 || ahead is null || !active.Contains(column.Index))
            throw new InvalidOperationException($"Column '{column.Name}' was not requested from this cursor.");
        if (typeof(TValue) != typeof(VBuffer<float>))
            throw new InvalidOperationException($"Column '{column.Name}' holds {column.Type}; it cannot be read as {typeof(TValue).Name}.");
        ValueGetter<VBuffer<float>> getter = (ref VBuffer<float> value) => CopyCurrent(output, ref value);
        return (ValueGetter<TValue>)(Delegate)getter;
    }

    public override bool MoveNext()
    {
        if (!main.MoveNext())
            return false;
        if (ahead is not null && ++rowInBatch >= batchRows)
            ScoreNextBatch();
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            main.Dispose();
            ahead?.Dispose();
        }
        base.Dispose(disposing);
    }

    private void ScoreNextBatch()
    {
        int size = view.Scorer.PixelsPerImage;
        int rows = 0;
        while (rows < view.BatchSize && ahead!.MoveNext())
        {
            pixelsGetter!(ref rowPixels);
            var slot = pixels.AsSpan(rows * size, size);
            // A row without an image (empty path or bytes) has no pixels: ML.NET's pixel extractor then gives an empty
            // vector, which would be scored as an all-black picture without a word.
            if (rowPixels.Length == 0)
                throw new InvalidImageException($"in row {ahead.Position}",
                    "is missing (an empty path or empty bytes); it would be scored as an all-zero image.");
            if (rowPixels.Length == size)
                rowPixels.CopyTo(slot);
            else
                throw new InvalidOperationException(
                    $"Row {ahead.Position} has {rowPixels.Length} pixel values; the ONNX graph takes {size}.");
            rows++;
        }
        if (rows == 0)
            throw new InvalidOperationException("The scoring cursor ran out of rows before the pass-through cursor.");
        outputs = view.Scorer.Run(pixels, rows);
        batchRows = rows;
        rowInBatch = 0;
    }

    private void CopyCurrent(int output, ref VBuffer<float> value)
    {
        int width = outputs[output].Length / batchRows;
        var editor = VBufferEditor.Create(ref value, width);
        outputs[output].AsSpan(rowInBatch * width, width).CopyTo(editor.Values);
        value = editor.Commit();
    }
}
