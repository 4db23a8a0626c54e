def test_whole_flow(app, sign, inbox, deliver, confirm, runner, make_letter):
    make_letter()
    assert sign().status_code == 303
    deliver()
    [message] = inbox.messages
    assert confirm(inbox.link(message)).status_code == 200
    assert runner.invoke(args=["signatures", "approve", "climate", "--all-verified"]).exit_code == 0
    out = runner.invoke(args=["letter", "export", "climate", "--format", "txt"]).output
    assert out == "Réseau Equitas Côte d'Ivoire\n"
