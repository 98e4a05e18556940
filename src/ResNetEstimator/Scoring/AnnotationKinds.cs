namespace MlNetResNet.Scoring;

/// <summary>ML.NET's annotation names (its own AnnotationUtils.Kinds is internal).</summary>
internal static class AnnotationKinds
{
    /// <summary>Key values of a key column: the class names of a label.</summary>
    public const string KeyValues = "KeyValues";

    /// <summary>Names of the slots of a vector column: the class names of a score.</summary>
    public const string SlotNames = "SlotNames";
}
