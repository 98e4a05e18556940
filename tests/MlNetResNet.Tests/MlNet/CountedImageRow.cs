using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;

namespace MlNetResNet.Tests.MlNet;

/// <summary>Counts image reads across the rows of one data view.</summary>
public sealed class ReadCounter
{
    private int count;

    public int Count => count;

    public void Add() => Interlocked.Increment(ref count);
}

/// <summary>A labelled row whose MLImage getter counts its calls, so a test sees every image the estimator decodes.</summary>
public sealed class CountedImageRow(ReadCounter reads, string path)
{
    public string Label { get; set; } = "";

    [ImageType(32, 32)]
    public MLImage Image
    {
        get
        {
            reads.Add();
            return MLImage.CreateFromFile(path);
        }
    }

    /// <summary>The rows' images as a keyed data view with an MLImage column "Image" (no file tag, so nothing is re-read from disk).</summary>
    public static IDataView DataView(MLContext ml, string folder, IEnumerable<ShapeRow> rows, ReadCounter reads)
    {
        var counted = rows.Select(r => new CountedImageRow(reads, Path.Combine(folder, r.ImagePath)) { Label = r.Label }).ToList();
        var view = ml.Data.LoadFromEnumerable(counted);
        return ml.Transforms.Conversion.MapValueToKey("Label").Fit(view).Transform(view);
    }
}
