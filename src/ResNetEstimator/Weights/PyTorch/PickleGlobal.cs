namespace MlNetResNet.Weights.PyTorch;

/// <summary>A module-level name the pickle referred to, resolved against the allow-list.</summary>
internal sealed record PickleGlobal(string Module, string Name, AllowedGlobal Kind)
{
    public string QualifiedName => $"{Module}.{Name}";
}
