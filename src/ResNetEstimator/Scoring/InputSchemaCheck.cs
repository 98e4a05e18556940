using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;
using static Microsoft.ML.SchemaShape.Column;

namespace MlNetResNet.Scoring;

/// <summary>
/// The one place that decides whether the label and image columns are usable, for both the estimator
/// (<see cref="SchemaShape"/>) and the fitted transformer (<see cref="DataViewSchema"/>). Errors name the column,
/// the expected type and the actual type.
/// </summary>
internal static class InputSchemaCheck
{
    private const string ExpectedImage = "Image (from LoadImages) or String (a path)";
    private const string ExpectedLabel = "Key<UInt32> with text key values (class names)";

    /// <summary>Checks the estimator's input; returns how the image column will be read.</summary>
    public static ImageColumnKind CheckInputSchema(SchemaShape input, string labelColumnName, string imageColumnName)
    {
        var label = input.FirstOrDefault(c => c.Name == labelColumnName);
        if (label.Name is null)
            throw Missing(labelColumnName, "label", ExpectedLabel, input.Select(c => c.Name));
        bool textKeyValues = label.Annotations.Any(a => a.Name == AnnotationKinds.KeyValues && a.ItemType is TextDataViewType);
        CheckLabel(labelColumnName, label.IsKey && label.Kind == VectorKind.Scalar, textKeyValues, Describe(label));

        var image = input.FirstOrDefault(c => c.Name == imageColumnName);
        if (image.Name is null)
            throw Missing(imageColumnName, "image", ExpectedImage, input.Select(c => c.Name));
        return ImageKind(imageColumnName, image.Kind == VectorKind.Scalar, image.Kind != VectorKind.Scalar, image.ItemType, image.IsKey)
            ?? throw WrongImageType(imageColumnName, Describe(image));
    }

    /// <summary>
    /// Checks the image column of a schema (the label is not needed to score); when <paramref name="fittedKind"/> is
    /// given, the column must hold the same kind of image as at training.
    /// </summary>
    public static ImageColumnKind CheckInputSchema(DataViewSchema input, string imageColumnName, ImageColumnKind? fittedKind = null)
    {
        var image = input.GetColumnOrNull(imageColumnName)
            ?? throw Missing(imageColumnName, "image", ExpectedImage, input.Where(c => !c.IsHidden).Select(c => c.Name));
        var type = image.Type;
        var itemType = type is VectorDataViewType vector ? vector.ItemType : type;
        var kind = ImageKind(imageColumnName, type is not VectorDataViewType, type is VectorDataViewType, itemType, itemType is KeyDataViewType)
            ?? throw WrongImageType(imageColumnName, $"{type}");
        if (fittedKind is not null && kind != fittedKind)
            throw new ArgumentOutOfRangeException(nameof(input),
                $"Image column '{imageColumnName}' holds {type} ({kind}) but the classifier was trained on {fittedKind} input; " +
                "apply it to data prepared the same way as the training data.");
        return kind;
    }

    /// <summary>Checks the label column of training data and returns its class names (the key values).</summary>
    public static string[] ReadClassNames(DataViewSchema input, string labelColumnName)
    {
        var label = input.GetColumnOrNull(labelColumnName)
            ?? throw Missing(labelColumnName, "label", ExpectedLabel, input.Where(c => !c.IsHidden).Select(c => c.Name));
        var keyValuesType = label.Annotations.Schema.GetColumnOrNull(AnnotationKinds.KeyValues)?.Type as VectorDataViewType;
        CheckLabel(labelColumnName, label.Type is KeyDataViewType, keyValuesType?.ItemType is TextDataViewType, $"{label.Type}");

        VBuffer<ReadOnlyMemory<char>> keyValues = default;
        label.GetKeyValues(ref keyValues);
        var names = keyValues.DenseValues().Select(v => v.ToString()).ToArray();
        if (names.Length < 2)
            throw new ArgumentOutOfRangeException(nameof(input),
                $"Label column '{labelColumnName}' has {names.Length} class(es) ({string.Join(", ", names)}); a classifier needs at least 2.");
        var duplicate = names.GroupBy(n => n).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentOutOfRangeException(nameof(input),
                $"Label column '{labelColumnName}' has the class name '{duplicate.Key}' more than once in its key values.");
        return names;
    }

    private static ImageColumnKind? ImageKind(string imageColumnName, bool isScalar, bool isVector, DataViewType itemType, bool isKey)
    {
        if (isKey)
            return null;
        if (isScalar && itemType is ImageDataViewType)
            return ImageColumnKind.Image;
        if (isScalar && itemType is TextDataViewType)
            return ImageColumnKind.Path;
        if (isVector && itemType == NumberDataViewType.Byte)
            throw EncodedBytes(imageColumnName);
        return null;
    }

    // Refused before training rather than after it: the model could not be saved, since ML.NET has no transformer that
    // decodes image bytes and ONNX Runtime 1.31 no kernel for ONNX ImageDecoder.
    private static ArgumentOutOfRangeException EncodedBytes(string imageColumnName) =>
        new("inputSchema",
            $"Image column '{imageColumnName}' holds encoded image bytes (Vector<Byte>, from LoadRawImageBytes). A classifier " +
            "trained on them could not be saved as a model.zip: ML.NET has no transformer that decodes image bytes. " +
            $"Load the files with LoadImages(\"{imageColumnName}\", imageFolder, \"ImagePath\") in place of LoadRawImageBytes, " +
            "or give the classifier the path column itself (ImageColumnName = the path column, ImageFolder = its folder).");

    private static void CheckLabel(string labelColumnName, bool isScalarKey, bool hasTextKeyValues, string actualType)
    {
        if (!isScalarKey)
            throw new ArgumentOutOfRangeException("inputSchema",
                $"Label column '{labelColumnName}' must be {ExpectedLabel}, but it is {actualType}. " +
                $"Map it to a key first: mlContext.Transforms.Conversion.MapValueToKey(\"{labelColumnName}\").");
        if (!hasTextKeyValues)
            throw new ArgumentOutOfRangeException("inputSchema",
                $"Label column '{labelColumnName}' is a key without text key values, so the classes have no names " +
                $"(expected {ExpectedLabel}). Build it from a text column with mlContext.Transforms.Conversion.MapValueToKey(\"{labelColumnName}\").");
    }

    private static ArgumentOutOfRangeException WrongImageType(string imageColumnName, string actualType) =>
        new("inputSchema", $"Image column '{imageColumnName}' must be {ExpectedImage}, but it is {actualType}.");

    private static ArgumentOutOfRangeException Missing(string name, string role, string expected, IEnumerable<string> available) =>
        new("inputSchema", $"The input has no {role} column '{name}' (expected {expected}). " +
            $"Columns present: {string.Join(", ", available.Distinct())}.");

    private static string Describe(SchemaShape.Column column)
    {
        string item = column.IsKey ? $"Key<{column.ItemType}>" : $"{column.ItemType}";
        return column.Kind switch
        {
            VectorKind.Vector => $"Vector<{item}>",
            VectorKind.VariableVector => $"VarVector<{item}>",
            _ => item,
        };
    }
}
