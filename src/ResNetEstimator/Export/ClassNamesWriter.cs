using MlNetResNet.Onnx;

namespace MlNetResNet.Export;

/// <summary>
/// Puts the class names into the graph where ML.NET's OnnxTransformer looks for slot names: a node named
/// <c>mlnet.{column}.SlotNames</c> with a string attribute <c>keys_strings</c>. The node is an
/// <c>ai.onnx.ml</c> LabelEncoder (class name → index) fed by a Constant of the names; nothing reads its
/// output, so runtimes prune it and it costs nothing at inference.
/// </summary>
internal static class ClassNamesWriter
{
    public const int MlOpset = 3;

    public static void Write(OnnxGraphBuilder graph, string columnName, IReadOnlyList<string> classNames)
    {
        if (classNames.Any(string.IsNullOrEmpty)) throw new ArgumentException("Class names must not be empty.", nameof(classNames));
        var duplicate = classNames.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"Class name '{duplicate.Key}' appears twice.", nameof(classNames));

        string nodeName = $"mlnet.{columnName}.SlotNames";
        string names = graph.UniqueName($"{nodeName}.names");
        graph.AddNode("Constant", Array.Empty<string>(), new[] { names }, null, OnnxGraphBuilder.DefaultDomain,
            OnnxAttribute.Strings("value_strings", classNames));

        graph.RequireOpset(OnnxGraphBuilder.MlDomain, MlOpset);
        graph.AddNode("LabelEncoder", new[] { names }, new[] { graph.UniqueName($"{nodeName}.indices") }, nodeName,
            OnnxGraphBuilder.MlDomain,
            OnnxAttribute.Strings("keys_strings", classNames),
            OnnxAttribute.Ints("values_int64s", Enumerable.Range(0, classNames.Count).Select(i => (long)i).ToArray()),
            OnnxAttribute.Int("default_int64", -1));
    }
}
