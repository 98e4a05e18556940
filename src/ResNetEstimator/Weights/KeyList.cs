namespace MlNetResNet.Weights;

/// <summary>Short key lists for messages: the first few keys and how many more.</summary>
internal static class KeyList
{
    public static string Format(IReadOnlyCollection<string> keys, int shown = 12) =>
        keys.Count <= shown ? string.Join(", ", keys) : $"{string.Join(", ", keys.Take(shown))} and {keys.Count - shown} more";
}
