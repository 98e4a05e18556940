namespace MlNetResNet.Tests.Hostile;

/// <summary>One file of the hostile corpus and a fragment the guard's reason must contain.</summary>
public sealed record HostileCase(string Name, string Path, string ExpectedProblem)
{
    public override string ToString() => Name;
}
