using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;

namespace MlNetResNet;

/// <summary>
/// Decodes an encoded-bytes image column into an MLImage column with the decoder LoadImages uses, so scoring sees
/// the same pixels for bytes as for files. In-process only: ML.NET has no standard transformer that decodes bytes
/// and ONNX Runtime implements no ImageDecoder, which is why such a model cannot be written to model.zip.
/// </summary>
internal static class EncodedBytesToImage
{
    // CustomMapping needs a registered data view type for MLImage; this is the unsized Image type LoadImages gives.
    // Registering the same pair again is a no-op in ML.NET.
    static EncodedBytesToImage() => DataViewTypeManager.Register(new ImageDataViewType(), typeof(MLImage));

    public static IEstimator<ITransformer> Estimator(MLContext ml, string bytesColumnName, string imageColumnName)
    {
        var input = SchemaDefinition.Create(typeof(Encoded));
        input[nameof(Encoded.Bytes)].ColumnName = bytesColumnName;
        var output = SchemaDefinition.Create(typeof(Decoded));
        output[nameof(Decoded.Image)].ColumnName = imageColumnName;
        return ml.Transforms.CustomMapping<Encoded, Decoded>((src, dst) => dst.Image = Decode(src.Bytes, bytesColumnName),
            contractName: null, input, output);
    }

    private static MLImage? Decode(byte[]? bytes, string bytesColumnName)
    {
        // An empty value is what LoadRawImageBytes gives for an empty path; LoadImages gives no image for it.
        if (bytes is null || bytes.Length == 0)
            return null;
        // Skia decodes without a size limit: the bytes' structure is checked first (a lying header, a bomb).
        var verdict = ImageFileGuard.Inspect(bytes, $"in a row of column '{bytesColumnName}'");
        if (!verdict.IsAccepted) throw new InvalidImageException(verdict.Source, $"refused: {verdict.Problem}");
        try
        {
            return MLImage.CreateFromStream(new MemoryStream(bytes, writable: false));
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException(
                $"Image column '{bytesColumnName}': a row holds {bytes.Length} bytes that are not a decodable image.", e);
        }
    }

    private sealed class Encoded
    {
        public byte[]? Bytes { get; set; }
    }

    private sealed class Decoded
    {
        public MLImage? Image { get; set; }
    }
}
