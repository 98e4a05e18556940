namespace MlNetResNet.Training.Planning;

/// <summary>Steps planned for a training stage, and the (possibly fractional) epochs they make.</summary>
internal sealed record StagePlan(long Steps, double Epochs, int Validations);
