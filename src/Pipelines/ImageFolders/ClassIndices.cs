using System.Text.Json;
using System.Text.Json.Nodes;
using MlNetResNet.Pipelines.IO;

namespace MlNetResNet.Pipelines;

/// <summary>
/// The seed's <c>class_indices.json</c>: a JSON object from class index (as a string, "0", "1", …) to class name,
/// written with 4-space indentation as Python's <c>json.dumps(indent=4)</c>.
/// </summary>
public static class ClassIndices
{
    /// <summary>The usual file name.</summary>
    public const string FileName = "class_indices.json";

    /// <summary>Writes the class names, index = position (atomically: temp file, then rename).</summary>
    public static void Write(string path, IReadOnlyList<string> classNames)
    {
        var json = new JsonObject();
        for (int index = 0; index < classNames.Count; index++) json[index.ToString(System.Globalization.CultureInfo.InvariantCulture)] = classNames[index];
        string text = json.ToJsonString(new JsonSerializerOptions { WriteIndented = true, IndentSize = 4 });
        AtomicFile.WriteAllText(path, text + "\n");
    }

    /// <summary>Reads class names in index order; throws naming the file when indices are not 0…n-1 or names repeat.</summary>
    public static IReadOnlyList<string> Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Class index file '{path}' does not exist.", path);
        JsonObject json;
        try
        {
            json = JsonNode.Parse(File.ReadAllText(path)) as JsonObject
                   ?? throw new InvalidDataException($"'{path}' is not a JSON object of index → class name.");
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"'{path}' is not valid JSON: {error.Message}", error);
        }
        var names = new string?[json.Count];
        foreach (var (key, value) in json)
        {
            if (!int.TryParse(key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int index)
                || index >= names.Length)
                throw new InvalidDataException($"'{path}': key '{key}' is not a class index in 0..{names.Length - 1}.");
            if (value is not JsonValue text || text.GetValueKind() != JsonValueKind.String || string.IsNullOrEmpty(text.GetValue<string>()))
                throw new InvalidDataException($"'{path}': class {key} has no name (expected a non-empty string).");
            names[index] = text.GetValue<string>();
        }
        if (names.Distinct(StringComparer.Ordinal).Count() != names.Length)
            throw new InvalidDataException($"'{path}': a class name appears twice.");
        return names!;
    }
}
