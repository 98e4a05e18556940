using MlNetResNet.Imaging;
using MlNetResNet.Onnx;

namespace MlNetResNet.Export;

/// <summary>
/// Writes the graph input and, for raw pixels, the center crop (Slice) and ImageNet normalization
/// (<c>(x − 255·mean) · 1/(255·std)</c>) that turn ExtractPixels output into what the network takes.
/// </summary>
internal static class InputPreprocessingWriter
{
    /// <summary>Adds the input (dynamic batch "N") and preprocessing; returns the tensor the network reads.</summary>
    public static string Write(OnnxGraphBuilder graph, OnnxExportOptions options)
    {
        if (!options.InputIsRawPixels)
            return graph.AddInput(options.InputName, OnnxElementType.Float, "N", 3, options.CropSize, options.CropSize);

        string x = graph.AddInput(options.InputName, OnnxElementType.Float, "N", 3, options.InputSize, options.InputSize);
        if (options.InputSize != options.CropSize)
        {
            long offset = CenterCropOffset(options.InputSize, options.CropSize);
            var starts = graph.AddInitializer("crop.starts", new[] { offset, offset }, 2);
            var ends = graph.AddInitializer("crop.ends", new[] { offset + options.CropSize, offset + options.CropSize }, 2);
            var axes = graph.AddInitializer("crop.axes", new long[] { 2, 3 }, 2);
            x = graph.AddNode("Slice", new[] { x, starts, ends, axes });
        }
        var shift = new float[3];
        var scale = new float[3];
        for (int c = 0; c < 3; c++)
        {
            shift[c] = 255f * ImageNetNormalization.Mean[c];
            scale[c] = 1f / (255f * ImageNetNormalization.StandardDeviation[c]);
        }
        var mean = graph.AddInitializer("normalize.mean255", shift, 1, 3, 1, 1);
        var invStd = graph.AddInitializer("normalize.inv_std255", scale, 1, 3, 1, 1);
        x = graph.AddNode("Sub", new[] { x, mean });
        return graph.AddNode("Mul", new[] { x, invStd });
    }

    /// <summary>Top/left offset of a center crop, rounded half to even as torchvision's center_crop does.</summary>
    public static long CenterCropOffset(int size, int crop) =>
        (long)Math.Round((size - crop) / 2.0, MidpointRounding.ToEven);
}
